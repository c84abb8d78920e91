namespace Mast3r.Training.Losses;

/// <summary>
/// The one random step inside the criterion: MatchingLoss permutes each sample's N correspondences before cutting
/// them into blocks when N exceeds the block size (upstream draws from NumPy's legacy global RNG). Injectable so a
/// recorded permutation reproduces official values.
/// </summary>
internal interface IPermutationSource
{
    /// <summary>Permutation of 0..n-1 for the next sample: entry placed at position k is original entry p[k].</summary>
    long[] Next(int n);
}

/// <summary>Default source: Fisher–Yates on a seeded <see cref="Random"/> (deliberately not NumPy's stream).</summary>
internal sealed class SeededPermutationSource(int seed) : IPermutationSource
{
    private readonly Random _random = new(seed);

    public long[] Next(int n)
    {
        var p = new long[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}

/// <summary>Replays recorded permutations (e.g. the fixture's <c>blocksize64_perms.npy</c>), one per sample, in order.</summary>
internal sealed class RecordedPermutationSource(IReadOnlyList<long[]> permutations) : IPermutationSource
{
    private int _next;

    public long[] Next(int n)
    {
        if (_next >= permutations.Count) throw new InvalidOperationException($"only {permutations.Count} recorded permutations.");
        var p = permutations[_next++];
        if (p.Length != n) throw new InvalidOperationException($"recorded permutation has {p.Length} entries, {n} needed.");
        return p;
    }
}
