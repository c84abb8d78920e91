using System.Globalization;

namespace Mast3r.Metrics;

/// <summary>One accuracy bin of a localisation benchmark: position within metres and orientation within degrees.</summary>
internal sealed record LocalizationThreshold(double TranslationM, double RotationDeg)
{
    /// <summary>visuallocalization.net Aachen Day-Night v1.1 bins (paper §4.4).</summary>
    public static IReadOnlyList<LocalizationThreshold> Aachen { get; } = [new(0.25, 2), new(0.5, 5), new(5, 10)];

    /// <summary>visuallocalization.net InLoc bins (paper §4.4).</summary>
    public static IReadOnlyList<LocalizationThreshold> InLoc { get; } = [new(0.25, 10), new(0.5, 10), new(1, 10)];

    /// <summary>dust3r_visloc's local evaluator (<c>aggregate_stats</c>) bins.</summary>
    public static IReadOnlyList<LocalizationThreshold> Local { get; } = [new(0.1, 1), new(0.25, 2), new(0.5, 5), new(5, 10)];

    /// <summary>
    /// A named set (<c>aachen</c>, <c>inloc</c>, <c>local</c>) or an explicit list <c>"t,r;t,r;…"</c> (metres, degrees).
    /// </summary>
    public static IReadOnlyList<LocalizationThreshold> Parse(string spec)
    {
        switch (spec.Trim().ToLowerInvariant())
        {
            case "aachen": return Aachen;
            case "inloc": return InLoc;
            case "local": return Local;
        }
        var bins = new List<LocalizationThreshold>();
        foreach (var part in spec.Split(';', StringSplitOptions.TrimEntries))
        {
            var fields = part.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length != 2
                || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double t)
                || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double r))
                throw new FormatException($"bin '{part}' is not 'metres,degrees' (expected aachen, inloc, local or e.g. \"0.25,2;0.5,5;5,10\")");
            if (!(t > 0) || !(r > 0) || !double.IsFinite(t) || !double.IsFinite(r))
                throw new FormatException($"bin '{part}' must have finite positive thresholds");
            bins.Add(new LocalizationThreshold(t, r));
        }
        return bins;
    }
}
