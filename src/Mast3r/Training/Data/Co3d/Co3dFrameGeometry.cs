namespace Mast3r.Training.Data.Co3d;

/// <summary>
/// Camera and size arithmetic of the official CO3Dv2 preprocessing (dust3r <c>datasets_preprocess/preprocess_co3d.py</c>
/// with <c>datasets/utils/cropping.py</c>; protocols.md §6.3): NDC → pixel intrinsics, PyTorch3D → OpenCV pose,
/// principal-point crop box, target size and the forced rescale.
/// </summary>
internal static class Co3dFrameGeometry
{
    /// <summary>Intrinsics (float64, OpenCV) from the NDC focal length and principal point of an H×W image.</summary>
    public static double[] Intrinsics(double[] focalNdc, double[] principalNdc, int height, int width)
    {
        double s = Math.Min(width, height) / 2.0;
        return new[]
        {
            focalNdc[0] * s, 0, width / 2.0 - principalNdc[0] * s,
            0, focalNdc[1] * s, height / 2.0 - principalNdc[1] * s,
            0, 0, 1,
        };
    }

    /// <summary>
    /// Camera→world 4×4 (float32 values): R_cv = transpose(R_p3d with columns 0 and 1 negated), t_cv = (−T0, −T1, T2),
    /// world→camera [R_cv | t_cv] inverted in float32 (np.linalg.inv on a float32 matrix).
    /// </summary>
    public static double[] CameraToWorld(double[] rP3d, double[] tP3d)
    {
        var w2c = new double[16];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double v = rP3d[j * 3 + i];            // transpose
                if (i < 2) v = -v;                     // columns 0, 1 of R_p3d become rows 0, 1 of R_cv
                w2c[i * 4 + j] = (float)v;
            }
        (w2c[3], w2c[7], w2c[11], w2c[15]) = ((float)-tP3d[0], (float)-tP3d[1], (float)tP3d[2], 1);
        return Correspondences.Invert4(w2c);
    }

    /// <summary>Crop box (l, t, r, b) centred on the rounded (half-to-even) principal point.</summary>
    public static (int L, int T, int R, int B) CropBox(double[] k, int height, int width)
    {
        int cx = (int)Math.Round(k[2], MidpointRounding.ToEven), cy = (int)Math.Round(k[5], MidpointRounding.ToEven);
        int mx = Math.Min(cx, width - cx), my = Math.Min(cy, height - cy);
        return (cx - mx, cy - my, cx + mx, cy + my);
    }

    /// <summary>Target (W, H) from the pre-crop size: short side to 3/4·img_size, unless the long side stays below img_size.</summary>
    public static (int W, int H) TargetSize(int height, int width, int imgSize)
    {
        double s = (double)(imgSize * 3 / 4) / Math.Min(height, width) + 1e-8;
        int tw = (int)Math.Floor(width * s), th = (int)Math.Floor(height * s);
        if (Math.Max(tw, th) < imgSize)
        {
            s = (double)imgSize / Math.Max(height, width) + 1e-8;
            tw = (int)Math.Floor(width * s);
            th = (int)Math.Floor(height * s);
        }
        return (tw, th);
    }

    /// <summary>Forced rescale of a w×h crop towards the target: scale, output size (generally larger than the target) and K.</summary>
    public static (double Scale, int W, int H, double[] K) Rescale(double[] kCrop, int w, int h, int targetW, int targetH)
    {
        double s = Math.Max((double)targetW / w, (double)targetH / h) + 1e-8;
        int ow = (int)Math.Floor(w * s), oh = (int)Math.Floor(h * s);
        return (s, ow, oh, ViewCropping.CameraMatrixOfCrop(kCrop, w, h, ow, oh, s));
    }

    /// <summary>CO3D depth PNGs hold float16 bit patterns in their uint16 words.</summary>
    public static float[] DecodeDepth(ushort[] words) => words.Select(w => (float)BitConverter.UInt16BitsToHalf(w)).ToArray();

    /// <summary>Output depth PNG words: depth / max · 65535 in float32, truncated (max = 0 leaves zeros).</summary>
    public static ushort[] EncodeDepth(float[] depth, out float maximum)
    {
        float max = depth.Length == 0 ? 0f : depth.Max();
        maximum = max;
        var words = new ushort[depth.Length];
        if (max <= 0) return words;
        for (int i = 0; i < depth.Length; i++) words[i] = (ushort)(depth[i] / max * 65535f);
        return words;
    }

    /// <summary>Output mask PNG bytes: float32 value · 255 truncated (the float32 v/255·255 trap of protocols.md §6.3 included).</summary>
    public static byte[] EncodeMask(float[] mask) => mask.Select(v => (byte)(v * 255f)).ToArray();

    /// <summary>The loader side (dust3r co3d.py): depth = png/65535 · maximum_depth (NaN → 0).</summary>
    public static float[] LoadDepth(ushort[] words, float maximumDepth)
    {
        float m = float.IsNaN(maximumDepth) ? 0f : maximumDepth;
        return words.Select(w => w / 65535f * m).ToArray();
    }

    /// <summary><c>frame000123.jpg</c> → 123 (upstream: int(basename[5:-4])).</summary>
    public static int FrameIndex(string filepath)
    {
        string name = Path.GetFileName(filepath);
        if (name.Length < 10 || !int.TryParse(name[5..^4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int idx))
            throw new InvalidDataException($"{filepath}: not a frameNNNNNN.jpg name.");
        return idx;
    }

    /// <summary>Output npz path: the image path with every "jpg" replaced by "npz" (Python str.replace semantics).</summary>
    public static string NpzPath(string imagePath) => imagePath.Replace("jpg", "npz", StringComparison.Ordinal);
}
