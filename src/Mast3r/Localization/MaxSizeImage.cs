using Mast3r.Datasets;
using Mast3r.Images;

namespace Mast3r.Localization;

/// <summary>
/// An image at the fine resolution of the coarse-to-fine mode (mast3r <c>visloc.py</c>, <c>resize_image_to_max</c>):
/// the <c>ImgNorm</c>'d original, or — when its long side exceeds <c>--max_image_size</c> — that float image downscaled
/// to that long side (W' = max, H' = int(H·W'/W); portrait symmetric) with torchvision's antialiased bilinear
/// (<see cref="AntialiasedBilinear"/>), with intrinsics rescaled in the COLMAP convention and <c>to_orig_max</c> =
/// diag(W/W', H/H') (a pure scale, no half-pixel shift, as upstream).
/// </summary>
internal sealed record MaxSizeImage(NormalizedImage Image, CameraIntrinsics K, double ToOrigX, double ToOrigY, string Source)
{
    private byte[]? _truncated;

    public int Width => Image.Width;
    public int Height => Image.Height;

    /// <summary>What a pixel shows in the original image (pixel-centre aware), for <see cref="PreprocessedImage.PixelToSource"/>.</summary>
    public double[] ContentToSource => ToOrigX == 1 && ToOrigY == 1 ? PixelMaps.Identity() : PixelMaps.ResizeToSource(ToOrigX, ToOrigY);

    /// <summary>The 8-bit image visloc's homography crop hands to PIL (<see cref="NormalizedImage.ToBytesTruncated"/>), computed once.</summary>
    public byte[] TruncatedBytes => _truncated ??= Image.ToBytesTruncated();

    public static MaxSizeImage Load(string path, CameraIntrinsics camera, int? maxImageSize)
    {
        string full = Path.GetFullPath(path);
        var decoded = RgbImage.Load(full);
        if (decoded.Width != camera.Width || decoded.Height != camera.Height)
            throw new InvalidDataException($"{full}: the image is {decoded.Width}x{decoded.Height} but its camera says {camera.Width}x{camera.Height}");
        var image = NormalizedImage.FromRgb(decoded.Rgb, decoded.Width, decoded.Height);
        int w = image.Width, h = image.Height;
        if (maxImageSize is not { } max || Math.Max(w, h) <= max) return new MaxSizeImage(image, camera, 1, 1, full);
        int newW = w >= h ? max : (int)(w * ((double)max / h));
        int newH = w >= h ? (int)(h * ((double)max / w)) : max;
        double sx = (double)newW / w, sy = (double)newH / h;
        var k = camera with
        {
            Width = newW, Height = newH, Fx = camera.Fx * sx, Fy = camera.Fy * sy,
            Cx = (camera.Cx + 0.5) * sx - 0.5, Cy = (camera.Cy + 0.5) * sy - 0.5,
        };
        return new MaxSizeImage(image.Resize(newW, newH), k, (double)w / newW, (double)h / newH, full);
    }
}
