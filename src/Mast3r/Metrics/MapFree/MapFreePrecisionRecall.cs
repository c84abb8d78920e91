namespace Mast3r.Metrics.MapFree;

/// <summary>
/// Area under the precision/recall curve obtained by sweeping a confidence threshold (mirrors map-free-reloc
/// benchmark/utils.py precision_recall).
/// </summary>
internal static class MapFreePrecisionRecall
{
    /// <summary>
    /// Σ_k (recall_k − recall_{k−1})·precision_k over the distinct confidence values k in descending order, with
    /// precision_k = TP(conf ≥ k)/N(conf ≥ k) and recall_k = N(conf ≥ k)/(N + failures). Recall is computed in
    /// float32 as in the reference (its counter array is float32), so results agree to the last bits.
    /// </summary>
    public static double AreaUnderCurve(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int failures)
    {
        if (confidences.Count != correct.Count) throw new ArgumentException("confidences and flags differ in length");
        int n = confidences.Count;
        if (n == 0) return 0;
        var order = Enumerable.Range(0, n).OrderByDescending(i => confidences[i]).ToArray();

        // One curve point at the end of every group of equal confidence.
        var precision = new List<double>();
        var recall = new List<float>();
        float total = (float)((double)n + failures);
        long truePositives = 0;
        for (int i = 0; i < n; i++)
        {
            if (correct[order[i]]) truePositives++;
            bool lastOfGroup = i == n - 1 || confidences[order[i]] != confidences[order[i + 1]];
            if (!lastOfGroup) continue;
            precision.Add(truePositives / (double)(float)(i + 1));
            recall.Add((float)(i + 1) / total);
        }

        // The reference keeps the points up to the first one reaching the final recall, then closes at (0, 1).
        int last = recall.FindIndex(r => r >= recall[^1]);
        double sum = 0;
        for (int k = last; k >= 0; k--)
        {
            float previous = k == 0 ? 0f : recall[k - 1];
            float step = recall[k] - previous;
            sum += step * precision[k];
        }
        return Math.Abs(sum);
    }
}
