namespace Mast3r.Images;

/// <summary>
/// Loads images exactly as the official dust3r <c>load_images(paths, size)</c> does (architecture-spec.md §4.1):
/// decode to RGB with EXIF orientation, resize the long side to <c>size</c> with Pillow's resampler (LANCZOS when
/// shrinking, BICUBIC when enlarging, no resampling when already that size), centre-crop to multiples of 16, and
/// turn a square result into 4:3 landscape. Bit-exact against the official 8-bit crops for 8-bit PNG inputs.
/// </summary>
public static class ImageLoader
{
    /// <summary>Loads and preprocesses an image file.</summary>
    /// <param name="path">PNG or JPEG (anything OpenCV decodes).</param>
    /// <param name="size">Long side after resizing (512 for MASt3R); 224 uses the official short-side rule.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a decodable image; the message names it.</exception>
    public static PreprocessedImage Load(string path, int size = 512)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"image not found: {path}", path);
        return Load(File.ReadAllBytes(path), path, size);
    }

    /// <summary>Loads and preprocesses an encoded image from a stream (read to its end).</summary>
    /// <param name="stream">The encoded image.</param>
    /// <param name="source">Name used in messages and stored in <see cref="PreprocessedImage.Source"/>.</param>
    /// <param name="size">Long side after resizing.</param>
    public static PreprocessedImage Load(Stream stream, string source, int size = 512)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.ToArray(), source, size);
    }

    /// <summary>Loads and preprocesses an encoded image held in memory.</summary>
    /// <param name="encoded">The encoded file bytes.</param>
    /// <param name="source">Name used in messages and stored in <see cref="PreprocessedImage.Source"/>.</param>
    /// <param name="size">Long side after resizing.</param>
    public static PreprocessedImage Load(byte[] encoded, string source, int size = 512)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var (rgb, width, height) = ImageDecoder.DecodeRgb(encoded, source);
        return Preprocess(rgb, width, height, source, size);
    }

    /// <summary>The resize-and-crop part of <c>load_images</c> applied to decoded RGB pixels.</summary>
    /// <param name="rgb">Interleaved RGB, length width·height·3.</param>
    /// <param name="width">Decoded width.</param>
    /// <param name="height">Decoded height.</param>
    /// <param name="source">Name used in messages.</param>
    /// <param name="size">Long side after resizing.</param>
    public static PreprocessedImage Preprocess(byte[] rgb, int width, int height, string source, int size = 512)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (size < 16) throw new ArgumentOutOfRangeException(nameof(size), size, "size must be at least 16");
        if (rgb.Length != width * height * 3)
            throw new ArgumentException($"{source}: {rgb.Length} bytes do not hold a {width}x{height} RGB image", nameof(rgb));

        int longEdge = size == 224 ? LoadGeometry.LongEdgeFor224(width, height) : size;
        var plan = LoadGeometry.PlanResize(width, height, longEdge);
        byte[] resized = plan.Filter is { } filter
            ? PillowResampler.Resize(rgb, width, height, 3, plan.Width, plan.Height, filter)
            : rgb;
        var box = size == 224
            ? LoadGeometry.CentreSquare(plan.Width, plan.Height)
            : LoadGeometry.CentreCrop16(plan.Width, plan.Height);
        if (box.Width <= 0 || box.Height <= 0)
            throw new InvalidDataException($"{source}: a {width}x{height} image is too small to crop to multiples of 16 at size {size}.");
        return new PreprocessedImage(LoadGeometry.Crop(resized, plan.Width, 3, box), box.Height, box.Width, source);
    }
}
