namespace Mast3r.Inference;

/// <summary>
/// The official pair list for a set of images (dust3r image_pairs.py <c>make_pairs</c>, scene graph 'complete'):
/// (i, j) for every j &lt; i, and with symmetrize the reversed pairs appended after all of them (not interleaved).
/// </summary>
public static class PairGraph
{
    /// <summary>Index pairs (first, second) of the 'complete' graph over <paramref name="count"/> images.</summary>
    public static IReadOnlyList<(int First, int Second)> Complete(int count, bool symmetrize = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var pairs = new List<(int, int)>();
        for (int i = 0; i < count; i++)
            for (int j = 0; j < i; j++)
                pairs.Add((i, j));
        if (symmetrize) pairs.AddRange(pairs.Select(p => (p.Item2, p.Item1)).ToList());
        return pairs;
    }

    /// <summary>The same pairs as image tuples.</summary>
    public static IReadOnlyList<(T First, T Second)> Complete<T>(IReadOnlyList<T> items, bool symmetrize = true) =>
        Complete(items.Count, symmetrize).Select(p => (items[p.First], items[p.Second])).ToList();
}
