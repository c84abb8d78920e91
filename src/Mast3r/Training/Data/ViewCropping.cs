using Mast3r.Images;
using OpenCvSharp;

namespace Mast3r.Training.Data;

/// <summary>
/// Crop and resolution rules of the dust3r datasets (mirrors dust3r <c>datasets.utils.cropping</c> and
/// <c>BaseStereoViewDataset._crop_resize_if_necessary</c>): crop centred on the principal point, choose landscape or
/// portrait resolution, rescale (Lanczos down / bicubic up, depth nearest) so the image covers the target, then crop
/// to the exact resolution keeping the principal point centred.
/// </summary>
internal static class ViewCropping
{
    /// <summary>Crops box (l, t, r, b) from image and depth, shifting the principal point.</summary>
    public static void Crop(ViewSample v, int l, int t, int r, int b)
    {
        int w = r - l, h = b - t;
        if (l < 0 || t < 0 || r > v.Width || b > v.Height || w <= 0 || h <= 0)
            throw new ArgumentException($"crop box ({l}, {t}, {r}, {b}) outside a {v.Width}×{v.Height} image.");
        var img = new byte[w * h * 3];
        var depth = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            Array.Copy(v.Image, ((y + t) * v.Width + l) * 3, img, y * w * 3, w * 3);
            Array.Copy(v.Depth, (y + t) * v.Width + l, depth, y * w, w);
        }
        var k = (double[])v.K.Clone();
        k[2] -= l;
        k[5] -= t;
        (v.Image, v.Depth, v.Width, v.Height, v.K) = (img, depth, w, h, k);
    }

    /// <summary>Box of half-widths min(c, size − c) around the rounded (half-to-even) principal point.</summary>
    public static (int L, int T, int R, int B) PrincipalPointBox(ViewSample v)
    {
        int cx = (int)Math.Round(v.K[2], MidpointRounding.ToEven), cy = (int)Math.Round(v.K[5], MidpointRounding.ToEven);
        int mx = Math.Min(cx, v.Width - cx), my = Math.Min(cy, v.Height - cy);
        return (cx - mx, cy - my, cx + mx, cy + my);
    }

    /// <summary>
    /// dust3r <c>rescale_image_depthmap</c>: s = max(target/size) + 1e-8; without <paramref name="force"/> never
    /// enlarges; output = floor(size·s); intrinsics through <see cref="CameraMatrixOfCrop"/>.
    /// </summary>
    public static void Rescale(ViewSample v, int targetW, int targetH, bool force)
    {
        double s = Math.Max((double)targetW / v.Width, (double)targetH / v.Height) + 1e-8;
        if (s >= 1 && !force) return;
        int outW = (int)Math.Floor(v.Width * s), outH = (int)Math.Floor(v.Height * s);
        var img = PillowResampler.Resize(v.Image, v.Width, v.Height, 3, outW, outH, s < 1 ? ResampleFilter.Lanczos : ResampleFilter.Bicubic);
        var depth = ResizeNearest(v.Depth, v.Width, v.Height, outW, outH);
        var k = CameraMatrixOfCrop(v.K, v.Width, v.Height, outW, outH, s);
        (v.Image, v.Depth, v.Width, v.Height, v.K) = (img, depth, outW, outH, k);
    }

    /// <summary>dust3r <c>camera_matrix_of_crop</c> with offset_factor 0.5 (COLMAP pixel-corner convention inside).</summary>
    public static double[] CameraMatrixOfCrop(double[] k, int inW, int inH, int outW, int outH, double scaling)
    {
        double offX = 0.5 * (inW * scaling - outW), offY = 0.5 * (inH * scaling - outH);
        if (offX < 0 || offY < 0) throw new ArgumentException("crop larger than the scaled input.");
        var o = (double[])k.Clone();
        o[2] += 0.5;
        o[5] += 0.5;
        for (int c = 0; c < 3; c++) { o[c] *= scaling; o[3 + c] *= scaling; }
        o[2] -= offX;
        o[5] -= offY;
        o[2] -= 0.5;
        o[5] -= 0.5;
        return o;
    }

    /// <summary>cv2.resize(INTER_NEAREST) of a float map.</summary>
    public static float[] ResizeNearest(float[] src, int w, int h, int outW, int outH)
    {
        using var m = Mat.FromPixelData(h, w, MatType.CV_32FC1, src);
        using var r = new Mat();
        Cv2.Resize(m, r, new Size(outW, outH), 0, 0, InterpolationFlags.Nearest);
        var dst = new float[outW * outH];
        r.GetArray(out float[] data);
        Array.Copy(data, dst, dst.Length);
        return dst;
    }

    /// <summary>
    /// The dataset rule (landscape resolution W ≥ H given): principal-point crop, orientation choice (portrait if
    /// H &gt; 1.1·W; near-square images pick at random), rescale to cover the (optionally enlarged by aug_crop)
    /// target, exact crop centred on the principal point. Computes the GT geometry afterwards.
    /// </summary>
    public static void CropResize(ViewSample v, int resW, int resH, Random rng, int augCrop = 0)
    {
        if (resW < resH) throw new ArgumentException($"resolution ({resW}, {resH}) must be landscape (W ≥ H).");
        var (l, t, r, b) = PrincipalPointBox(v);
        if (r - l <= v.Width / 5.0 * 2 || b - t <= v.Height / 5.0 * 2)
            throw new InvalidOperationException($"{v.Instance}: principal point too close to the border for the centred crop.");
        Crop(v, l, t, r, b);
        double aspect = (double)v.Height / v.Width;
        if (v.Height > 1.1 * v.Width) (resW, resH) = (resH, resW);
        else if (aspect > 0.9 && aspect < 1.1 && resW != resH && rng.Next(2) == 1) (resW, resH) = (resH, resW);
        int extra = augCrop > 1 ? rng.Next(augCrop) : 0;
        Rescale(v, resW + extra, resH + extra, force: false);
        var k2 = CameraMatrixOfCrop(v.K, v.Width, v.Height, resW, resH, 1.0);
        int cl = (int)Math.Round(v.K[2] - k2[2], MidpointRounding.ToEven), ct = (int)Math.Round(v.K[5] - k2[5], MidpointRounding.ToEven);
        Crop(v, cl, ct, cl + resW, ct + resH);
        v.ComputeGeometry();
    }
}
