using Mast3r.Datasets;
using Mast3r.Images;

namespace Mast3r.Localization;

/// <summary>
/// An image prepared for the network and the map from its pixels back to the original image:
/// x_orig = (x_net + Left + 0.5)/Scale − 0.5 (pixel-centre aware, the <c>to_orig</c> step of protocols.md §1.2).
/// </summary>
internal sealed record NetworkImage(PreprocessedImage Image, int OriginalWidth, int OriginalHeight, double Scale, int Left, int Top) : INetworkView
{
    /// <summary>Loads and prepares an image as the official <c>load_images(size)</c> does (the images-matching branch's
    /// <see cref="ImageLoader"/>: Pillow resampling, centre crop to multiples of 16) and records the transform.</summary>
    public static NetworkImage Load(string path, int maxSize)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image not found: {path}", path);
        string full = Path.GetFullPath(path);
        var (rgb, w, h) = ImageDecoder.DecodeRgb(File.ReadAllBytes(full), full);
        var image = ImageLoader.Preprocess(rgb, w, h, full, maxSize);
        var plan = LoadGeometry.PlanResize(w, h, maxSize);
        var box = LoadGeometry.CentreCrop16(plan.Width, plan.Height);
        return new NetworkImage(image, w, h, (double)maxSize / Math.Max(w, h), box.Left, box.Top);
    }

    /// <summary>Network pixel → original pixel (OpenCV convention).</summary>
    public (double X, double Y) ToOriginal(double x, double y) => ((x + Left + 0.5) / Scale - 0.5, (y + Top + 0.5) / Scale - 0.5);

    /// <summary>Original pixel → network pixel.</summary>
    public (double X, double Y) ToNetwork(double x, double y) => ((x + 0.5) * Scale - 0.5 - Left, (y + 0.5) * Scale - 0.5 - Top);

    /// <summary>The intrinsics at network resolution.</summary>
    public CameraIntrinsics NetworkIntrinsics(CameraIntrinsics original) =>
        original.ScaledAndCropped(Scale, Left, Top, Image.Width, Image.Height);
}
