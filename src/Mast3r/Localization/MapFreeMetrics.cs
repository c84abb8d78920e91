using Mast3r.Datasets;
using Mast3r.Geometry;
using Mast3r.Metrics;

namespace Mast3r.Localization;

/// <summary>
/// The Map-free benchmark metrics (protocols.md §2.3–2.4, nianticlabs/map-free-reloc benchmark/metrics.py, utils.py,
/// mapfree.py): per-frame translation, rotation (sine form) and VCRE errors; per-scene medians averaged over scenes;
/// precision and confidence-sorted AUC at (0.25 m, 5°) and 90 px with missing estimates counted as failures.
/// Kept here until the mapfree-dtu branch's implementation is merged.
/// </summary>
internal static class MapFreeMetrics
{
    internal sealed record Frame(string Scene, Pose GroundTruth, Pose? Estimate, double Confidence, CameraIntrinsics K);

    internal sealed record FrameErrors(double Translation, double RotationDeg, double Vcre);

    public static FrameErrors Errors(Pose gt, Pose est, CameraIntrinsics k)
    {
        double t = PoseErrors.CentreDistance(est, gt);
        return new FrameErrors(t, RotationErrorSine(gt, est), Vcre(gt, est, k));
    }

    /// <summary>2·asin(‖vec(q_a ⊗ q_b⁻¹)‖) in degrees: accurate for tiny angles, saturates at 180°.</summary>
    public static double RotationErrorSine(Pose a, Pose b)
    {
        var (aw, ax, ay, az) = a.ToQuaternion();
        var (bw, bx, by, bz) = b.ToQuaternion();
        // q_a ⊗ conj(q_b): only the vector part is needed.
        double vx = -aw * bx + ax * bw - ay * bz + az * by;
        double vy = -aw * by + ax * bz + ay * bw - az * bx;
        double vz = -aw * bz - ax * by + ay * bx + az * bw;
        double s = Math.Min(1, Math.Sqrt(vx * vx + vy * vy + vz * vz));
        return 2 * Math.Asin(s) * 180 / Math.PI;
    }

    /// <summary>Mean reprojection distance of the 196 virtual points of the GT camera frame, projections clipped to the image.</summary>
    public static double Vcre(Pose gt, Pose est, CameraIntrinsics k)
    {
        var gtToEst = est.Compose(gt.Inverse());
        double sum = 0;
        int n = 0;
        for (int ix = 0; ix < 7; ix++)
            for (int iy = 0; iy < 4; iy++)
                for (int iz = 0; iz < 7; iz++)
                {
                    var p = new[] { -0.9 + 0.3 * ix, -0.45 + 0.3 * iy, 1.8 + 0.3 * iz };
                    var (u0, v0) = Project(p, k);
                    var (u1, v1) = Project(gtToEst.Apply(p), k);
                    sum += Math.Sqrt((u0 - u1) * (u0 - u1) + (v0 - v1) * (v0 - v1));
                    n++;
                }
        return sum / n;
    }

    public static Dictionary<string, double> Aggregate(IReadOnlyList<Frame> frames)
    {
        var est = frames.Where(f => f.Estimate is not null).Select(f => (f, e: Errors(f.GroundTruth, f.Estimate!, f.K))).ToList();
        int total = frames.Count;
        double AvgMedian(Func<FrameErrors, double> sel) => est.Count == 0 ? double.NaN
            : est.GroupBy(x => x.f.Scene).Select(g => NumpyStats.Median(g.Select(x => sel(x.e)))).Average();
        var poseOk = est.Select(x => (x.f.Confidence, Ok: x.e.Translation < 0.25 && x.e.RotationDeg < 5)).ToList();
        var vcreOk = est.Select(x => (x.f.Confidence, Ok: x.e.Vcre < 90)).ToList();
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["median_translation_error"] = AvgMedian(e => e.Translation),
            ["median_rotation_error"] = AvgMedian(e => e.RotationDeg),
            ["vcre_median_px"] = AvgMedian(e => e.Vcre),
            ["pose_precision"] = total == 0 ? 0 : 100.0 * poseOk.Count(x => x.Ok) / total,
            ["pose_auc"] = Auc(poseOk, total),
            ["vcre_precision"] = total == 0 ? 0 : 100.0 * vcreOk.Count(x => x.Ok) / total,
            ["vcre_auc"] = Auc(vcreOk, total),
            ["estimates_pct"] = total == 0 ? 0 : 100.0 * est.Count / total,
        };
    }

    /// <summary>precision_recall AUC: estimates sorted by confidence (descending, ties grouped), point (0, 1) prepended.</summary>
    public static double Auc(IReadOnlyList<(double Confidence, bool Ok)> estimates, int total)
    {
        if (total == 0) return 0;
        double auc = 0, prevRecall = 0;
        int seen = 0, tp = 0;
        foreach (var group in estimates.GroupBy(e => e.Confidence).OrderByDescending(g => g.Key))
        {
            seen += group.Count();
            tp += group.Count(e => e.Ok);
            double recall = (double)seen / total, precision = (double)tp / seen;
            auc += (recall - prevRecall) * precision;
            prevRecall = recall;
        }
        return auc;
    }

    private static (double U, double V) Project(double[] p, CameraIntrinsics k)
    {
        double u = k.Fx * p[0] / p[2] + k.Cx, v = k.Fy * p[1] / p[2] + k.Cy;
        return (Math.Clamp(u, 0, k.Width), Math.Clamp(v, 0, k.Height));
    }
}
