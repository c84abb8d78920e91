namespace Mast3r.Metrics;

/// <summary>
/// Result of <see cref="MultiViewPoseEvaluator"/>: per-category scores and their unweighted mean (PoseDiffusion
/// test.py averages the categories; <see cref="Overall"/>.Pairs is the total number of pairs).
/// </summary>
internal sealed record MultiViewPoseReport(MultiViewPoseScores Overall, IReadOnlyDictionary<string, MultiViewPoseScores> PerCategory);
