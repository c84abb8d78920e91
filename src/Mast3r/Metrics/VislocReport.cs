namespace Mast3r.Metrics;

/// <summary>Result of <see cref="VislocEvaluator"/>. Recalls are percentages of all ground-truth queries.</summary>
internal sealed record VislocReport(
    int Queries,
    int Missing,
    IReadOnlyList<(LocalizationThreshold Threshold, double RecallPercent)> Bins,
    double MedianTranslationM,
    double MedianRotationDeg);
