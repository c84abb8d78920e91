namespace Mast3r.Metrics.MapFree;

/// <summary>
/// The map-free relocalization benchmark, single-frame track (mirrors nianticlabs/map-free-reloc
/// benchmark/mapfree.py compute_scene_metrics and aggregate_results).
/// </summary>
public static class MapFreeBenchmark
{
    /// <summary>Every this-many-th ground-truth entry (by position) is evaluated.</summary>
    public const int FrameSubsample = 5;

    /// <summary>Translation threshold of the pose criterion, metres.</summary>
    public const double TranslationThreshold = 0.25;

    /// <summary>Rotation threshold of the pose criterion, degrees.</summary>
    public const double RotationThreshold = 5;

    /// <summary>VCRE threshold, pixels.</summary>
    public const double VcreThreshold = 90;

    /// <summary>
    /// Scores a submission. A scene present in <paramref name="submission"/> contributes one error triple per
    /// evaluated frame it estimates and one failure per evaluated frame it lacks; a scene absent from it (no
    /// <c>pose_&lt;scene&gt;.txt</c>) contributes as failures all of its ground-truth entries, not only the evaluated
    /// fifth — the reference returns before subsampling in that branch, and we keep that.
    /// </summary>
    /// <exception cref="InvalidDataException">A frame lacks intrinsics, a confidence is negative, or nothing was estimated.</exception>
    public static MapFreeResult Evaluate(IReadOnlyList<MapFreeGroundTruth> scenes, IReadOnlyDictionary<string, IReadOnlyDictionary<int, MapFreePose>> submission)
    {
        var perScene = new List<IReadOnlyList<FrameErrors>>();
        int failures = 0;
        foreach (var scene in scenes)
        {
            if (!submission.TryGetValue(scene.Name, out var estimates))
            {
                failures += scene.Poses.Count;
                continue;
            }
            var frames = new List<FrameErrors>();
            foreach (var (frame, gt) in scene.EvaluatedFrames())
            {
                if (!estimates.TryGetValue(frame, out var est))
                {
                    failures++;
                    continue;
                }
                if (!scene.Intrinsics.TryGetValue(frame, out var k))
                    throw new InvalidDataException($"scene {scene.Name}: intrinsics.txt has no line for frame {frame}");
                if (!(est.Confidence >= 0))
                    throw new InvalidDataException($"scene {scene.Name}, frame {frame}: confidence must be non-negative, got {est.Confidence}");
                frames.Add(ComputeFrame(gt, est, k, scene.Width, scene.Height));
            }
            if (frames.Count > 0) perScene.Add(frames);
        }
        return Aggregate(perScene, failures);
    }

    /// <summary>
    /// aggregate_results on per-frame errors grouped by scene (scenes with at least one estimate) plus the number of
    /// missing frames; shared with the in-memory experiment pipeline (Localization.MapFreeMetrics).
    /// </summary>
    internal static MapFreeResult Aggregate(IReadOnlyList<IReadOnlyList<FrameErrors>> perScene, int failures)
    {
        var all = perScene.SelectMany(f => f).ToList();
        if (all.Count == 0) throw new InvalidDataException("the submission has no valid pose estimate for any evaluated frame");

        int total = all.Count + failures;
        var poseOk = all.Select(f => f.TranslationError < TranslationThreshold && f.RotationError < RotationThreshold).ToList();
        var vcreOk = all.Select(f => f.Vcre < VcreThreshold).ToList();
        var confidences = all.Select(f => f.Confidence).ToList();
        return new MapFreeResult(
            AverageMedianTranslationError: perScene.Average(s => NumpyStats.Median(s.Select(f => f.TranslationError))),
            AverageMedianRotationError: perScene.Average(s => NumpyStats.Median(s.Select(f => f.RotationError))),
            AverageMedianReprojectionError: perScene.Average(s => NumpyStats.Median(s.Select(f => f.Vcre))),
            PrecisionPose: poseOk.Count(b => b) / (double)total,
            AucPose: MapFreePrecisionRecall.AreaUnderCurve(confidences, poseOk, failures),
            PrecisionVcre: vcreOk.Count(b => b) / (double)total,
            AucVcre: MapFreePrecisionRecall.AreaUnderCurve(confidences, vcreOk, failures),
            EstimatesFraction: all.Count / (double)total,
            Estimates: all.Count,
            Failures: failures);
    }

    /// <summary>The per-frame errors of one estimate against its ground truth (both world→camera).</summary>
    internal static FrameErrors ComputeFrame(MapFreePose gt, MapFreePose est, MapFreeIntrinsics k, double width, double height)
    {
        var (qGt, tGt) = MapFreeQuaternion.WorldToCameraToCameraToWorld(gt.Quaternion, gt.Translation);
        var (qEst, tEst) = MapFreeQuaternion.WorldToCameraToCameraToWorld(est.Quaternion, est.Translation);
        return new FrameErrors(
            MapFreeFrameMetrics.TranslationError(tEst, tGt),
            MapFreeFrameMetrics.RotationError(qEst, qGt),
            MapFreeFrameMetrics.Vcre(qEst, tEst, qGt, tGt, k, width, height),
            est.Confidence);
    }

    internal readonly record struct FrameErrors(double TranslationError, double RotationError, double Vcre, double Confidence);
}
