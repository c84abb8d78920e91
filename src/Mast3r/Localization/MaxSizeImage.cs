using Mast3r.Datasets;
using Mast3r.Images;

namespace Mast3r.Localization;

/// <summary>
/// An image at the fine resolution of the coarse-to-fine mode (mast3r <c>visloc.py</c>, <c>resize_image_to_max</c>):
/// the original, or — when its long side exceeds <c>--max_image_size</c> — downscaled to that long side
/// (W' = max, H' = int(H·W'/W); portrait symmetric) with an antialiased bilinear filter, with intrinsics rescaled in
/// the COLMAP convention and <c>to_orig_max</c> = diag(W/W', H/H') (a pure scale, no half-pixel shift, as upstream).
/// Deviation: the resize works on 8-bit pixels with Pillow's bilinear (the official resize is torchvision's
/// antialiased bilinear on the normalised float tensor: same kernel, no 8-bit rounding).
/// </summary>
internal sealed record MaxSizeImage(RgbImage Image, CameraIntrinsics K, double ToOrigX, double ToOrigY, string Source)
{
    public int Width => Image.Width;
    public int Height => Image.Height;

    /// <summary>What a pixel shows in the original image (pixel-centre aware), for <see cref="PreprocessedImage.PixelToSource"/>.</summary>
    public double[] ContentToSource => ToOrigX == 1 && ToOrigY == 1 ? PixelMaps.Identity() : PixelMaps.ResizeToSource(ToOrigX, ToOrigY);

    public static MaxSizeImage Load(string path, CameraIntrinsics camera, int? maxImageSize)
    {
        string full = Path.GetFullPath(path);
        var image = RgbImage.Load(full);
        if (image.Width != camera.Width || image.Height != camera.Height)
            throw new InvalidDataException($"{full}: the image is {image.Width}x{image.Height} but its camera says {camera.Width}x{camera.Height}");
        int w = image.Width, h = image.Height;
        if (maxImageSize is not { } max || Math.Max(w, h) <= max) return new MaxSizeImage(image, camera, 1, 1, full);
        int newW = w >= h ? max : (int)(w * ((double)max / h));
        int newH = w >= h ? (int)(h * ((double)max / w)) : max;
        var rgb = PillowResampler.Resize(image.Rgb, w, h, 3, newW, newH, ResampleFilter.Bilinear);
        double sx = (double)newW / w, sy = (double)newH / h;
        var k = camera with
        {
            Width = newW, Height = newH, Fx = camera.Fx * sx, Fy = camera.Fy * sy,
            Cx = (camera.Cx + 0.5) * sx - 0.5, Cy = (camera.Cy + 0.5) * sy - 0.5,
        };
        return new MaxSizeImage(new RgbImage(rgb, newW, newH), k, (double)w / newW, (double)h / newH, full);
    }
}
