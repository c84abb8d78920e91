namespace Mast3r.Metrics;

/// <summary>
/// CO3Dv2 / RealEstate10K evaluation (protocols.md §3.3): every pair i &lt; j of frames within a sequence (ground-truth
/// order, as <c>torch.combinations</c>), errors pooled per category, RRA@15 / RTA@15 / mAA(30) per category, then the
/// unweighted mean over categories.
/// </summary>
internal static class MultiViewPoseEvaluator
{
    public static MultiViewPoseReport Evaluate(IEnumerable<PoseSequence> sequences)
    {
        var byCategory = new SortedDictionary<string, (List<double> R, List<double> T)>(StringComparer.Ordinal);
        foreach (var seq in sequences)
        {
            if (!byCategory.TryGetValue(seq.Category, out var lists)) byCategory[seq.Category] = lists = ([], []);
            var f = seq.Frames;
            for (int i = 0; i < f.Count; i++)
                for (int j = i + 1; j < f.Count; j++)
                {
                    var (r, t) = MultiViewPoseAccuracy.PairErrors(f[i].Truth, f[j].Truth, f[i].Estimate, f[j].Estimate);
                    lists.R.Add(r);
                    lists.T.Add(t);
                }
        }
        var perCategory = new SortedDictionary<string, MultiViewPoseScores>(StringComparer.Ordinal);
        foreach (var (category, (r, t)) in byCategory)
        {
            if (r.Count == 0) throw new ArgumentException($"category '{category}' has no pair of frames (every sequence needs at least 2 frames)");
            perCategory[category] = Score(r, t);
        }
        if (perCategory.Count == 0) throw new ArgumentException("no sequences to evaluate");
        var overall = new MultiViewPoseScores(
            perCategory.Values.Average(s => s.Rra15),
            perCategory.Values.Average(s => s.Rta15),
            perCategory.Values.Average(s => s.Maa30),
            perCategory.Values.Sum(s => s.Pairs));
        return new MultiViewPoseReport(overall, perCategory);
    }

    /// <summary>The three scores of one pool of pairs.</summary>
    public static MultiViewPoseScores Score(IReadOnlyList<double> rotationErrorsDeg, IReadOnlyList<double> translationErrorsDeg)
    {
        if (rotationErrorsDeg.Count != translationErrorsDeg.Count) throw new ArgumentException("rotation and translation error lists differ in length");
        var maxErrors = rotationErrorsDeg.Zip(translationErrorsDeg, Math.Max).ToArray();
        return new MultiViewPoseScores(
            MultiViewPoseAccuracy.AccuracyPercent(rotationErrorsDeg),
            MultiViewPoseAccuracy.AccuracyPercent(translationErrorsDeg),
            MultiViewPoseAccuracy.MeanAverageAccuracyPercent(maxErrors),
            rotationErrorsDeg.Count);
    }
}
