namespace Mast3r.Metrics;

/// <summary>Statistics with numpy's semantics, which the reference evaluators use.</summary>
internal static class NumpyStats
{
    /// <summary>
    /// <c>np.median</c>: the middle value, or the mean of the two middle values for an even count; ∞ entries sort
    /// last and propagate (median of [1, ∞] is ∞); any NaN gives NaN.
    /// </summary>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) throw new ArgumentException("the median of an empty list is undefined");
        if (v.Any(double.IsNaN)) return double.NaN;
        Array.Sort(v);
        int mid = v.Length / 2;
        return v.Length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
