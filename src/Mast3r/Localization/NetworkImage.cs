using Mast3r.Datasets;
using Mast3r.Images;

namespace Mast3r.Localization;

/// <summary>
/// An image prepared for the network and the map from its pixels back to the original image:
/// x_orig = (x_net + Left + 0.5)/Scale − 0.5 (pixel-centre aware, the <c>to_orig</c> step of protocols.md §1.2).
/// </summary>
internal sealed record NetworkImage(PreprocessedImage Image, int OriginalWidth, int OriginalHeight, double Scale, int Left, int Top)
{
    /// <summary>Loads and prepares an image: long side resized to <paramref name="maxSize"/>, centre-cropped to
    /// multiples of 16. Stand-in for the images-matching branch's ImageLoader (OpenCV bicubic/area resampling, not
    /// PIL's); images already at a multiple-of-16 size equal to <paramref name="maxSize"/> pass through unchanged.</summary>
    public static NetworkImage Load(string path, int maxSize)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image not found: {path}", path);
        using var bgr = OpenCvSharp.Cv2.ImRead(path, OpenCvSharp.ImreadModes.Color);
        if (bgr.Empty()) throw new InvalidDataException($"{path}: not a readable image");
        int w = bgr.Width, h = bgr.Height;
        double scale = (double)maxSize / Math.Max(w, h);
        int rw = (int)Math.Round(w * scale), rh = (int)Math.Round(h * scale);
        using var resized = new OpenCvSharp.Mat();
        if (rw != w || rh != h)
            OpenCvSharp.Cv2.Resize(bgr, resized, new OpenCvSharp.Size(rw, rh), 0, 0,
                scale < 1 ? OpenCvSharp.InterpolationFlags.Area : OpenCvSharp.InterpolationFlags.Cubic);
        else bgr.CopyTo(resized);
        int cw = rw / 16 * 16, ch = rh / 16 * 16;
        int left = (rw - cw) / 2, top = (rh - ch) / 2;
        using var crop = new OpenCvSharp.Mat(resized, new OpenCvSharp.Rect(left, top, cw, ch));
        using var rgb = new OpenCvSharp.Mat();
        OpenCvSharp.Cv2.CvtColor(crop, rgb, OpenCvSharp.ColorConversionCodes.BGR2RGB);
        var bytes = new byte[cw * ch * 3];
        using (var cont = rgb.Clone())
            System.Runtime.InteropServices.Marshal.Copy(cont.Data, bytes, 0, bytes.Length);
        return new NetworkImage(new PreprocessedImage(bytes, ch, cw, Path.GetFullPath(path)), w, h, scale, left, top);
    }

    /// <summary>Network pixel → original pixel (OpenCV convention).</summary>
    public (double X, double Y) ToOriginal(double x, double y) => ((x + Left + 0.5) / Scale - 0.5, (y + Top + 0.5) / Scale - 0.5);

    /// <summary>Original pixel → network pixel.</summary>
    public (double X, double Y) ToNetwork(double x, double y) => ((x + 0.5) * Scale - 0.5 - Left, (y + 0.5) * Scale - 0.5 - Top);

    /// <summary>The intrinsics at network resolution.</summary>
    public CameraIntrinsics NetworkIntrinsics(CameraIntrinsics original) =>
        original.ScaledAndCropped(Scale, Left, Top, Image.Width, Image.Height);
}
