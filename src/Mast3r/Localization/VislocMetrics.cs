using System.Globalization;
using Mast3r.Metrics;

namespace Mast3r.Localization;

/// <summary>
/// Aggregate visloc metrics under the expected-results keys, computed by <see cref="VislocEvaluator"/>: % of queries
/// with both errors strictly below each bin — dust3r_visloc's local bins (0.1 m, 1°), (0.25 m, 2°), (0.5 m, 5°),
/// (5 m, 10°) and InLoc's (0.25 m, 10°), (0.5 m, 10°), (1 m, 10°) — and the median errors with failures as ∞
/// (protocols.md §1.4). Denominator = all queries.
/// </summary>
internal static class VislocMetrics
{
    private static readonly IReadOnlyList<LocalizationThreshold> Bins = [.. LocalizationThreshold.Local, .. LocalizationThreshold.InLoc];

    public static Dictionary<string, double> Compute(IReadOnlyList<(double Translation, double RotationDeg)> errors)
    {
        var m = new Dictionary<string, double>(StringComparer.Ordinal);
        if (errors.Count == 0)
        {
            foreach (var b in Bins) m[BinName(b.TranslationM, b.RotationDeg)] = 0;
            m["median_translation_error"] = double.NaN;
            m["median_rotation_error"] = double.NaN;
        }
        else
        {
            var report = VislocEvaluator.FromErrors(errors, missing: 0, Bins);
            foreach (var (b, pct) in report.Bins) m[BinName(b.TranslationM, b.RotationDeg)] = pct;
            m["median_translation_error"] = report.MedianTranslationM;
            m["median_rotation_error"] = report.MedianRotationDeg;
        }
        m["queries"] = errors.Count;
        return m;
    }

    /// <summary>Metric key of a bin, e.g. <c>pct_0.25m_2deg</c> (the names used in the expected-results YAML).</summary>
    public static string BinName(double metres, double degrees) =>
        string.Create(CultureInfo.InvariantCulture, $"pct_{metres}m_{degrees}deg");
}
