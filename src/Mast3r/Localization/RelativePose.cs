using Mast3r.Datasets;
using Mast3r.Geometry;
using Mast3r.Metrics;

namespace Mast3r.Localization;

/// <summary>
/// Relative pose of a query camera with respect to a reference camera from pixel matches: essential matrix (OpenCV
/// USAC_MAGSAC, confidence 0.9999, on normalised coordinates, each image with its own intrinsics, threshold in pixels / mean focal) and
/// <c>recoverPose</c> (protocols.md §2.6, §5.2). Optionally the metric scale from the reference's predicted 3-D points.
/// </summary>
internal static class RelativePose
{
    // cv::USAC_MAGSAC (not in OpenCvSharp's enum): RANSAC with local optimisation, as the map-free baseline uses; plain
    // RANSAC returns the minimal-sample model without refinement, which costs degrees on small images.
    private const OpenCvSharp.EssentialMatMethod UsacMagsac = (OpenCvSharp.EssentialMatMethod)38;

    internal sealed record Result(double[,] Rotation, double[] UnitTranslation, int[] Inliers);

    /// <summary>Pixels (OpenCV convention) of matched points in reference (0) and query (1); null with fewer than 5 matches.</summary>
    public static Result? Estimate(IReadOnlyList<double> px0, IReadOnlyList<double> px1, CameraIntrinsics k0, CameraIntrinsics k1, double thresholdPx = 2.0)
    {
        int n = px0.Count / 2;
        if (n < 5) return null;
        var p0 = new OpenCvSharp.Point2d[n];
        var p1 = new OpenCvSharp.Point2d[n];
        for (int i = 0; i < n; i++)
        {
            p0[i] = new((px0[2 * i] - k0.Cx) / k0.Fx, (px0[2 * i + 1] - k0.Cy) / k0.Fy);
            p1[i] = new((px1[2 * i] - k1.Cx) / k1.Fx, (px1[2 * i + 1] - k1.Cy) / k1.Fy);
        }
        double meanF = (k0.Fx + k0.Fy + k1.Fx + k1.Fy) / 4;
        using var m0 = OpenCvSharp.Mat.FromArray(p0);
        using var m1 = OpenCvSharp.Mat.FromArray(p1);
        using var mask = new OpenCvSharp.Mat();
        using var e = OpenCvSharp.Cv2.FindEssentialMat(m0, m1, 1.0, new OpenCvSharp.Point2d(0, 0), UsacMagsac,
            0.9999, thresholdPx / meanF, mask);
        if (e.Empty() || e.Rows < 3) return null;
        using var e3 = e.RowRange(0, 3);
        using var r = new OpenCvSharp.Mat();
        using var t = new OpenCvSharp.Mat();
        using var identity = OpenCvSharp.Mat.Eye(3, 3, OpenCvSharp.MatType.CV_64FC1).ToMat();
        using var poseMask = mask.Clone();
        int good = OpenCvSharp.Cv2.RecoverPose(e3, m0, m1, identity, r, t, 1e9, poseMask, new OpenCvSharp.Mat());
        if (good < 5) return null;
        var rot = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                rot[i, j] = r.At<double>(i, j);
        var tv = new[] { t.At<double>(0), t.At<double>(1), t.At<double>(2) };
        double tn = Math.Sqrt(tv[0] * tv[0] + tv[1] * tv[1] + tv[2] * tv[2]);
        var inliers = Enumerable.Range(0, n).Where(i => poseMask.At<byte>(i) != 0).ToArray();
        return new Result(rot, new[] { tv[0] / tn, tv[1] / tn, tv[2] / tn }, inliers);
    }

    /// <summary>
    /// Metric scale s of the translation so that R·X + s·t̂ lies on each query ray: per inlier the least-squares s of
    /// (R·X + s·t̂) × d = 0, then the median (robust to outliers). X = reference-frame 3-D point predicted for the
    /// reference pixel ("auto" depth: the network's own metric pointmap); d = the query pixel's viewing ray.
    /// Deviation: the paper's scale estimator is unpublished (protocols.md §2.6).
    /// </summary>
    public static double MetricScale(Result pose, IReadOnlyList<double> points0, IReadOnlyList<double> px1, CameraIntrinsics k1)
    {
        var scales = new List<double>();
        var t = pose.UnitTranslation;
        foreach (int i in pose.Inliers)
        {
            var x = new[] { points0[3 * i], points0[3 * i + 1], points0[3 * i + 2] };
            if (x.Any(v => !double.IsFinite(v))) continue;
            var rx = new double[3];
            for (int a = 0; a < 3; a++) rx[a] = pose.Rotation[a, 0] * x[0] + pose.Rotation[a, 1] * x[1] + pose.Rotation[a, 2] * x[2];
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
    public static Pose ToPose(Result r, double scale) =>
        new(r.Rotation, new[] { r.UnitTranslation[0] * scale, r.UnitTranslation[1] * scale, r.UnitTranslation[2] * scale });

    private static double[] Cross(double[] a, double[] b) =>
        new[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
}
