using Mast3r.Images;

namespace Mast3r.Localization;

/// <summary>
/// A visloc query or map image prepared as the dust3r_visloc datasets do (<c>base_colmap.py</c> <c>_get_view_query</c> /
/// <c>_get_view_map</c>): decoded RGB → <c>ImgNorm</c> float → <c>get_resize_function</c> (<see cref="VislocResize"/>:
/// CenterCrop + antialiased bilinear Resize on the float values), not the Pillow path of <c>load_images</c> that
/// <see cref="NetworkImage"/> follows. Matches go back with visloc's +0.5 → <c>to_orig</c> → −0.5; the map's sparse 3-D
/// comes to network resolution with <c>to_resize</c> (<c>rescale_points3d</c>, <see cref="ToNetwork"/>).
/// </summary>
internal sealed record VislocView(PreprocessedImage Image, int OriginalWidth, int OriginalHeight, VislocResize Resize) : INetworkView
{
    /// <summary>Decodes and prepares an image for a network of long side <paramref name="maxDim"/>.</summary>
    public static VislocView Load(string path, int maxDim)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image not found: {path}", path);
        string full = Path.GetFullPath(path);
        var (rgb, w, h) = ImageDecoder.DecodeRgb(File.ReadAllBytes(full), full);
        return From(NormalizedImage.FromRgb(rgb, w, h), full, maxDim);
    }

    /// <summary>Prepares an already normalised full-resolution image.</summary>
    public static VislocView From(NormalizedImage original, string source, int maxDim)
    {
        var plan = VislocResize.For(original.Width, original.Height, maxDim);
        var image = plan.Apply(original).ToPreprocessed(source, plan.ContentToSource);
        return new VislocView(image, original.Width, original.Height, plan);
    }

    /// <summary>Network pixel → original pixel: + 0.5, <c>to_orig</c>, − 0.5 (visloc <c>coarse_matching</c>).</summary>
    public (double X, double Y) ToOriginal(double x, double y)
    {
        var (ox, oy) = PixelMaps.Apply(Resize.ToOrig, x + 0.5, y + 0.5);
        return (ox - 0.5, oy - 0.5);
    }

    /// <summary>Original pixel → network pixel: + 0.5, <c>to_resize</c>, − 0.5 (<c>rescale_points3d</c>, before rounding).</summary>
    public (double X, double Y) ToNetwork(double x, double y)
    {
        var (nx, ny) = PixelMaps.Apply(Resize.ToResize, x + 0.5, y + 0.5);
        return (nx - 0.5, ny - 0.5);
    }
}
