using System.Globalization;
using Mast3r.Metrics;

namespace Mast3r.Localization;

/// <summary>
/// Aggregate visloc metrics: % of queries with both errors strictly below each bin — Aachen (0.25 m, 2°), (0.5 m, 5°),
/// (5 m, 10°); InLoc (0.25 m, 10°), (0.5 m, 10°), (1 m, 10°); dust3r_visloc's local (0.1 m, 1°) bin — and the median
/// errors with failures as ∞ (protocols.md §1.4). Denominator = all queries.
/// </summary>
internal static class VislocMetrics
{
    private static readonly (double Metres, double Degrees)[] Bins =
        { (0.1, 1), (0.25, 2), (0.5, 5), (5, 10), (0.25, 10), (0.5, 10), (1, 10) };

    public static Dictionary<string, double> Compute(IReadOnlyList<(double Translation, double RotationDeg)> errors)
    {
        var m = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (t, r) in Bins)
            m[BinName(t, r)] = errors.Count == 0 ? 0 : 100.0 * errors.Count(e => e.Translation < t && e.RotationDeg < r) / errors.Count;
        m["median_translation_error"] = errors.Count == 0 ? double.NaN : NumpyStats.Median(errors.Select(e => e.Translation));
        m["median_rotation_error"] = errors.Count == 0 ? double.NaN : NumpyStats.Median(errors.Select(e => e.RotationDeg));
        m["queries"] = errors.Count;
        return m;
    }

    /// <summary>Metric key of a bin, e.g. <c>pct_0.25m_2deg</c> (the names used in the expected-results YAML).</summary>
    public static string BinName(double metres, double degrees) =>
        string.Create(CultureInfo.InvariantCulture, $"pct_{metres}m_{degrees}deg");
}
