using Mast3r.Datasets;
using Mast3r.Geometry;
using Mast3r.Metrics.MapFree;

namespace Mast3r.Localization;

/// <summary>
/// The Map-free benchmark metrics (protocols.md §2.3–2.4) of the pipeline's in-memory frames, computed by the
/// official-mirror implementation in <see cref="MapFreeBenchmark"/> and reported under the expected-results keys:
/// per-scene medians averaged over scenes, precision (percent) and confidence-sorted AUC at (0.25 m, 5°) and 90 px,
/// missing estimates counted as failures.
/// </summary>
internal static class MapFreeMetrics
{
    internal sealed record Frame(string Scene, Pose GroundTruth, Pose? Estimate, double Confidence, CameraIntrinsics K);

    internal sealed record FrameErrors(double Translation, double RotationDeg, double Vcre);

    /// <summary>Per-frame errors of a world→camera estimate (camera-centre distance, sine-form angle, VCRE).</summary>
    public static FrameErrors Errors(Pose gt, Pose est, CameraIntrinsics k)
    {
        var e = Compute(gt, est, 0, k);
        return new FrameErrors(e.TranslationError, e.RotationError, e.Vcre);
    }

    public static Dictionary<string, double> Aggregate(IReadOnlyList<Frame> frames)
    {
        var perScene = frames.Where(f => f.Estimate is not null)
            .GroupBy(f => f.Scene)
            .Select(g => (IReadOnlyList<MapFreeBenchmark.FrameErrors>)g.Select(f => Compute(f.GroundTruth, f.Estimate!, f.Confidence, f.K)).ToList())
            .ToList();
        int failures = frames.Count(f => f.Estimate is null);
        if (perScene.Count == 0)
            return Keys(double.NaN, double.NaN, double.NaN, 0, 0, 0, 0, 0);
        var r = MapFreeBenchmark.Aggregate(perScene, failures);
        return Keys(r.AverageMedianTranslationError, r.AverageMedianRotationError, r.AverageMedianReprojectionError,
            100 * r.PrecisionPose, r.AucPose, 100 * r.PrecisionVcre, r.AucVcre, 100 * r.EstimatesFraction);
    }

    private static MapFreeBenchmark.FrameErrors Compute(Pose gt, Pose est, double confidence, CameraIntrinsics k) =>
        MapFreeBenchmark.ComputeFrame(ToMapFree(gt, 0), ToMapFree(est, confidence),
            new MapFreeIntrinsics((float)k.Fx, (float)k.Fy, (float)k.Cx, (float)k.Cy), k.Width, k.Height);

    private static MapFreePose ToMapFree(Pose worldToCamera, double confidence)
    {
        var (w, x, y, z) = worldToCamera.ToQuaternion();
        var t = worldToCamera.Translation;
        return new MapFreePose(w, x, y, z, t[0], t[1], t[2], confidence);
    }

    private static Dictionary<string, double> Keys(double medianT, double medianR, double medianVcre,
        double posePrecision, double poseAuc, double vcrePrecision, double vcreAuc, double estimatesPct) =>
        new(StringComparer.Ordinal)
        {
            ["median_translation_error"] = medianT,
            ["median_rotation_error"] = medianR,
            ["vcre_median_px"] = medianVcre,
            ["pose_precision"] = posePrecision,
            ["pose_auc"] = poseAuc,
            ["vcre_precision"] = vcrePrecision,
            ["vcre_auc"] = vcreAuc,
            ["estimates_pct"] = estimatesPct,
        };
}
