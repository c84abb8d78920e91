namespace Mast3r.Images;

/// <summary>A decoded full-resolution RGB image (interleaved, row-major), before any resizing.</summary>
internal sealed record RgbImage(byte[] Rgb, int Width, int Height)
{
    /// <summary>Decodes a file as <see cref="ImageLoader"/> does (EXIF orientation, RGB), without resizing.</summary>
    public static RgbImage Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"image not found: {path}", path);
        var (rgb, width, height) = ImageDecoder.DecodeRgb(File.ReadAllBytes(path), path);
        return new RgbImage(rgb, width, height);
    }
}
