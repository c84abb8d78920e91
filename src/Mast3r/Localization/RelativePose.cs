using Mast3r.Datasets;
using Mast3r.Geometry;
using Mast3r.Metrics;
using OpenCvSharp;

namespace Mast3r.Localization;

/// <summary>
/// Relative pose of a query camera with respect to a reference camera from pixel matches (protocols.md §2.6, §5.2):
/// <see cref="RelativePoseEstimator"/> with USAC_MAGSAC, confidence 0.9999 and the threshold over the mean of the four
/// focal lengths, then the metric scale from the reference's predicted 3-D points.
/// </summary>
internal static class RelativePose
{
    // Fewer cheirality-checked inliers than this count as no pose (the pipeline has always required five).
    private const int MinInliers = 5;

    /// <summary>
    /// Pixels (OpenCV convention) of matched points in reference (0) and query (1); the unit-translation pose and its
    /// inliers, or a failure with fewer than 5 matches or inliers.
    /// </summary>
    public static PoseEstimate Estimate(IReadOnlyList<double> px0, IReadOnlyList<double> px1, CameraIntrinsics k0, CameraIntrinsics k1, double thresholdPx)
    {
        var options = EssentialRansacOptions.MapFreeBaseline() with { ThresholdPx = thresholdPx, ThresholdByAllFocals = true };
        var est = RelativePoseEstimator.Estimate(Points(px0), Points(px1), PinholeCamera.From(k0), PinholeCamera.From(k1), options);
        return est.Success && est.Inliers.Length < MinInliers
            ? PoseEstimate.Failed($"only {est.Inliers.Length} inliers after pose recovery")
            : est;
    }

    /// <summary>
    /// Metric scale s of the translation so that R·X + s·t̂ lies on each query ray: per inlier the least-squares s of
    /// (R·X + s·t̂) × d = 0, then the median (robust to outliers). X = reference-frame 3-D point predicted for the
    /// reference pixel ("auto" depth: the network's own metric pointmap); d = the query pixel's viewing ray.
    /// Deviation: the paper's scale estimator is unpublished (protocols.md §2.6).
    /// </summary>
    public static double MetricScale(PoseEstimate pose, IReadOnlyList<double> points0, IReadOnlyList<double> px1, CameraIntrinsics k1)
    {
        var scales = new List<double>();
        var r = pose.Pose!.Rotation;
        var t = pose.Pose.Translation;
        foreach (int i in pose.Inliers)
        {
            var x = new[] { points0[3 * i], points0[3 * i + 1], points0[3 * i + 2] };
            if (x.Any(v => !double.IsFinite(v))) continue;
            var rx = Rotation3.Apply(r, x);
            var d = new[] { (px1[2 * i] - k1.Cx) / k1.Fx, (px1[2 * i + 1] - k1.Cy) / k1.Fy, 1.0 };
            var a1 = Cross(rx, d);
            var b = Cross(t, d);
            double bb = b[0] * b[0] + b[1] * b[1] + b[2] * b[2];
            if (bb < 1e-12) continue;
            scales.Add(-(a1[0] * b[0] + a1[1] * b[1] + a1[2] * b[2]) / bb);
        }
        return scales.Count == 0 ? double.NaN : NumpyStats.Median(scales);
    }

    /// <summary>The query's world→camera pose when the world is the reference camera frame.</summary>
    public static Pose Scaled(Pose unit, double scale) =>
        new(unit.Rotation, new[] { unit.Translation[0] * scale, unit.Translation[1] * scale, unit.Translation[2] * scale });

    private static Point2d[] Points(IReadOnlyList<double> xy)
    {
        var p = new Point2d[xy.Count / 2];
        for (int i = 0; i < p.Length; i++) p[i] = new Point2d(xy[2 * i], xy[2 * i + 1]);
        return p;
    }

    private static double[] Cross(double[] a, double[] b) =>
        new[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
}
