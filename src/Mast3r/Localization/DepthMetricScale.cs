using Mast3r.Datasets;
using Mast3r.Datasets.MapFree;
using Mast3r.Geometry;

namespace Mast3r.Localization;

/// <summary>
/// Metric scale of a unit-translation relative pose from depth maps of both images, as the map-free baseline
/// <c>EssentialMatrixMetricSolver</c> does (nianticlabs/map-free-reloc <c>lib/models/matching/pose_solver.py</c>;
/// protocols.md §2.6): back-project every essential-matrix inlier in both images with its depth, rotate the reference
/// point into the query frame, take s = (p₁ − R·p₀)·t̂ per correspondence, then a 1-D RANSAC with a 0.1 m inlier band.
/// </summary>
/// <remarks>
/// Details as in the baseline: every per-correspondence scale is a hypothesis (deterministic), inliers are
/// |sᵢ − s| &lt; band, the first hypothesis with the most inliers wins and is returned as is (no refit); keypoints are
/// truncated to integer pixels (<c>np.int32</c>) for both the depth lookup and the back-projection; correspondences
/// without depth (0) in either image are left out. Deviation: the pipeline's confidence stays the essential-matrix
/// inlier count (the baseline reports the scale inliers; the paper does not say which it submitted).
/// </remarks>
internal static class DepthMetricScale
{
    /// <summary>The baseline's inlier band (metres).</summary>
    public const double DefaultBand = 0.1;

    /// <summary>The scale of <paramref name="pose"/>'s unit translation, or NaN when no inlier has depth in both images.</summary>
    public static double Estimate(PoseEstimate pose, IReadOnlyList<double> px0, IReadOnlyList<double> px1, CameraIntrinsics k0, CameraIntrinsics k1,
        MapFreeDepthMap depth0, MapFreeDepthMap depth1, double band = DefaultBand) =>
        Ransac(Hypotheses(pose, px0, px1, k0, k1, depth0, depth1), band).Scale;

    /// <summary>Per-inlier scales (p₁ − R·p₀)·t̂ of the inliers with depth in both images.</summary>
    public static List<double> Hypotheses(PoseEstimate pose, IReadOnlyList<double> px0, IReadOnlyList<double> px1, CameraIntrinsics k0, CameraIntrinsics k1,
        MapFreeDepthMap depth0, MapFreeDepthMap depth1)
    {
        var unit = pose.Pose ?? throw new ArgumentException($"no pose to scale: {pose.Failure}", nameof(pose));
        var t = unit.Translation;
        double norm = Math.Sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
        if (!(norm > 0)) throw new ArgumentException("the relative pose has a zero translation; its scale is undefined", nameof(pose));
        var scales = new List<double>(pose.Inliers.Length);
        foreach (int i in pose.Inliers)
        {
            // The baseline casts the keypoints to int32 (truncation) and uses those pixels for lookup and back-projection.
            int u0 = (int)px0[2 * i], v0 = (int)px0[2 * i + 1], u1 = (int)px1[2 * i], v1 = (int)px1[2 * i + 1];
            double d0 = depth0.At(u0, v0), d1 = depth1.At(u1, v1);
            if (!(d0 > 0) || !(d1 > 0)) continue;
            var p0 = BackProject(u0, v0, d0, k0);
            var p1 = BackProject(u1, v1, d1, k1);
            var rp0 = Rotation3.Apply(unit.Rotation, p0);
            double s = 0;
            for (int k = 0; k < 3; k++) s += (p1[k] - rp0[k]) * t[k] / norm;
            scales.Add(s);
        }
        return scales;
    }

    /// <summary>
    /// 1-D RANSAC over the hypotheses: the first one with the most values within |sᵢ − s| &lt; <paramref name="band"/>,
    /// and that inlier count; (NaN, 0) for no hypotheses.
    /// </summary>
    public static (double Scale, int Inliers) Ransac(IReadOnlyList<double> scales, double band = DefaultBand)
    {
        if (!(band > 0)) throw new ArgumentOutOfRangeException(nameof(band), band, "the inlier band must be positive");
        var finite = scales.Where(double.IsFinite).ToList();
        var sorted = finite.Order().ToArray();
        double best = double.NaN;
        int bestCount = 0;
        foreach (double s in finite)
        {
            // Sorted array: count of values in the open interval (s − band, s + band).
            int count = FirstAtLeast(sorted, s + band) - FirstAbove(sorted, s - band);
            if (count > bestCount) (best, bestCount) = (s, count);
        }
        return (best, bestCount);
    }

    private static double[] BackProject(double x, double y, double depth, CameraIntrinsics k) =>
        new[] { (x - k.Cx) / k.Fx * depth, (y - k.Cy) / k.Fy * depth, depth };

    private static int FirstAtLeast(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) / 2; if (sorted[mid] < v) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int FirstAbove(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) / 2; if (sorted[mid] <= v) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
