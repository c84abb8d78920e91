using Mast3r.Inference;

namespace Mast3r.Alignment;

/// <summary>
/// Focal length (pixels) of a view from its pointmap in its own camera frame, principal point at the image centre:
/// the robust estimator of dust3r <c>estimate_focal_knowing_depth</c> (Weiszfeld iterations on the L1 residual of
/// (u − cx, v − cy) ≈ f·(X/Z, Y/Z)). The relpose protocol has no GT focals (protocols.md §3.1); this is the
/// "natural choice" the protocol infers. Deviation: pixel centres follow the OpenCV convention, cx = (W − 1)/2.
/// </summary>
internal static class PointmapFocal
{
    private const int Iterations = 10;

    /// <summary>The focal of <paramref name="view"/> from pixels with confidence above <paramref name="minConfidence"/>; NaN when none.</summary>
    public static double Estimate(ViewPrediction view, double minConfidence = 1.0)
    {
        double cx = (view.Width - 1) / 2.0, cy = (view.Height - 1) / 2.0;
        var a = new List<double>(); // centred pixel coordinate
        var b = new List<double>(); // X/Z or Y/Z
        for (int v = 0; v < view.Height; v++)
            for (int u = 0; u < view.Width; u++)
            {
                int i = v * view.Width + u;
                double z = view.Pts3d[3 * i + 2];
                if (view.Conf[i] < minConfidence || !(z > 1e-9)) continue;
                a.Add(u - cx); b.Add(view.Pts3d[3 * i] / z);
                a.Add(v - cy); b.Add(view.Pts3d[3 * i + 1] / z);
            }
        if (a.Count == 0) return double.NaN;
        double num = 0, den = 0;
        for (int k = 0; k < a.Count; k++) { num += a[k] * b[k]; den += b[k] * b[k]; }
        double f = num / den;
        for (int it = 0; it < Iterations; it++)
        {
            num = den = 0;
            for (int k = 0; k < a.Count; k += 2)
            {
                double ru = a[k] - f * b[k], rv = a[k + 1] - f * b[k + 1];
                double w = 1.0 / Math.Max(Math.Sqrt(ru * ru + rv * rv), 1e-8);
                num += w * (a[k] * b[k] + a[k + 1] * b[k + 1]);
                den += w * (b[k] * b[k] + b[k + 1] * b[k + 1]);
            }
            f = num / den;
        }
        return f;
    }
}
