using Mast3r.Geometry;

namespace Mast3r.Metrics;

/// <summary>
/// Visual-localisation accuracy (protocols.md §1.4): the visuallocalization.net server metric and dust3r_visloc's
/// local evaluator (<c>get_pose_error</c>, <c>aggregate_stats</c>), which share one definition —
/// position error = distance between camera centres, orientation error = geodesic angle; a query counts in a bin
/// when both errors are strictly below its thresholds; the denominator is every ground-truth query, so a
/// query without an estimate is a failure with infinite errors; medians follow numpy (∞ included).
/// </summary>
internal static class VislocEvaluator
{
    /// <summary>Per-query errors; null estimate = failure (∞, ∞).</summary>
    public static (double TranslationM, double RotationDeg) QueryErrors(Pose? estimate, Pose truth) =>
        estimate is null
            ? (double.PositiveInfinity, double.PositiveInfinity)
            : (PoseErrors.CentreDistance(estimate, truth), PoseErrors.RotationAngleDeg(estimate, truth));

    /// <summary>
    /// Scores <paramref name="estimates"/> (world→camera, keyed by query name) against every query of
    /// <paramref name="groundTruth"/>. Estimates for names outside the ground truth are ignored.
    /// </summary>
    public static VislocReport Evaluate(IReadOnlyList<(string Name, Pose Pose)> groundTruth,
        IReadOnlyDictionary<string, Pose> estimates, IReadOnlyList<LocalizationThreshold> bins)
    {
        if (groundTruth.Count == 0) throw new ArgumentException("the ground truth has no queries");
        var errors = groundTruth.Select(q => QueryErrors(estimates.GetValueOrDefault(q.Name), q.Pose)).ToArray();
        int missing = groundTruth.Count(q => !estimates.ContainsKey(q.Name));
        return FromErrors(errors, missing, bins);
    }

    /// <summary>Aggregates per-query errors (∞ for failures).</summary>
    public static VislocReport FromErrors(IReadOnlyList<(double TranslationM, double RotationDeg)> errors, int missing,
        IReadOnlyList<LocalizationThreshold> bins)
    {
        if (errors.Count == 0) throw new ArgumentException("no queries to aggregate");
        var recalls = bins.Select(b =>
            (b, 100.0 * errors.Count(e => e.TranslationM < b.TranslationM && e.RotationDeg < b.RotationDeg) / errors.Count)).ToArray();
        return new VislocReport(errors.Count, missing, recalls,
            NumpyStats.Median(errors.Select(e => e.TranslationM)),
            NumpyStats.Median(errors.Select(e => e.RotationDeg)));
    }
}
