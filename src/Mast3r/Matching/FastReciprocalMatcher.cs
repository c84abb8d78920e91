using static TorchSharp.torch;

namespace Mast3r.Matching;

/// <summary>
/// Fast reciprocal nearest neighbours between two descriptor maps (naver/mast3r <c>fast_nn.py</c>,
/// <c>fast_reciprocal_NNs</c>; architecture-spec.md §6.1), with dot-product similarity in blocks on any TorchSharp
/// device. Seeds walk NN 1→2, then 2→1, until the pair stops changing; converged pairs are mutual nearest
/// neighbours. Only the <c>dist='dot'</c> brute-force path is implemented (the scipy KDTree path gives the same
/// neighbours for unit descriptors); <c>ret_basin</c> is not.
/// </summary>
public static class FastReciprocalMatcher
{
    /// <summary>Rounds with grid seeds (the official <c>max_iter</c>).</summary>
    public const int GridMaxIterations = 10;

    /// <summary>Matches from a seed grid every <paramref name="subsample"/> pixels, starting at subsample/2.</summary>
    /// <param name="desc1">[H1, W1, D] descriptors of map 1 (float32, any device).</param>
    /// <param name="desc2">[H2, W2, D] descriptors of map 2.</param>
    /// <param name="subsample">Seed spacing S (8 in the official calls).</param>
    /// <param name="options">Block size and device; null = official defaults on the CPU.</param>
    /// <returns>Converged pairs; the map-1 points are the converged positions, not the seeds.</returns>
    public static Correspondences Match(Tensor desc1, Tensor desc2, int subsample = 8, MatcherOptions? options = null)
    {
        var (h1, w1, _) = Shape(desc1, nameof(desc1));
        return Run(desc1, desc2, GridSeeds(h1, w1, subsample).ToArray(), GridMaxIterations, 0, options ?? new MatcherOptions());
    }

    /// <summary>
    /// The grid iteration of <see cref="Match(Tensor, Tensor, int, MatcherOptions?)"/> with caller-built searches (e.g. 3-D
    /// nearest neighbours between pointmaps); grid seeds are kept where <paramref name="seedFilter"/> allows.
    /// </summary>
    internal static Correspondences MatchGrid(int h1, int w1, int h2, int w2, INearestSearch into1, INearestSearch into2, int subsample,
        Func<int, bool> seedFilter)
    {
        var seeds = GridSeeds(h1, w1, subsample).Where(seedFilter).ToArray();
        var (pairs1, pairs2) = Iterate(seeds, GridMaxIterations, into1, into2);
        return Merge(pairs1, pairs2, w1, w2, (long)h2 * w2);
    }

    private static List<int> GridSeeds(int h1, int w1, int subsample)
    {
        if (subsample < 1) throw new ArgumentOutOfRangeException(nameof(subsample), subsample, "subsample must be at least 1");
        var seeds = new List<int>();
        for (int y = subsample / 2; y < h1; y += subsample)
            for (int x = subsample / 2; x < w1; x += subsample)
                seeds.Add(x + w1 * y);
        return seeds;
    }

    /// <summary>
    /// Matches from explicit seeds: one round. With <paramref name="pixelTol"/> = 0 a seed is kept when its NN in
    /// map 2 maps back exactly onto it; with <paramref name="pixelTol"/> &gt; 0 when it maps back to within a
    /// Euclidean distance &lt; pixelTol, and the returned map-1 points are the seeds.
    /// </summary>
    /// <param name="desc1">[H1, W1, D] descriptors of map 1.</param>
    /// <param name="desc2">[H2, W2, D] descriptors of map 2.</param>
    /// <param name="seedX">Seed columns in map 1.</param>
    /// <param name="seedY">Seed rows in map 1.</param>
    /// <param name="pixelTol">Back-projection tolerance in pixels (0 = exact reciprocity).</param>
    /// <param name="options">Block size and device.</param>
    public static Correspondences MatchFromSeeds(Tensor desc1, Tensor desc2, int[] seedX, int[] seedY, double pixelTol = 0, MatcherOptions? options = null)
    {
        var (h1, w1, _) = Shape(desc1, nameof(desc1));
        if (seedX.Length != seedY.Length) throw new ArgumentException($"{seedX.Length} seed columns but {seedY.Length} seed rows");
        if (pixelTol < 0 || double.IsNaN(pixelTol)) throw new ArgumentOutOfRangeException(nameof(pixelTol), pixelTol, "pixel tolerance must be ≥ 0");
        var seeds = new int[seedX.Length];
        for (int i = 0; i < seeds.Length; i++)
        {
            if (seedX[i] < 0 || seedX[i] >= w1 || seedY[i] < 0 || seedY[i] >= h1)
                throw new ArgumentOutOfRangeException(nameof(seedX), $"seed {i} = ({seedX[i]}, {seedY[i]}) lies outside the {w1}x{h1} map");
            seeds[i] = seedX[i] + w1 * seedY[i];
        }
        return Run(desc1, desc2, seeds, 1, pixelTol, options ?? new MatcherOptions());
    }

    private static Correspondences Run(Tensor desc1, Tensor desc2, int[] seeds, int maxIterations, double pixelTol, MatcherOptions options)
    {
        var (h1, w1, d1) = Shape(desc1, nameof(desc1));
        var (h2, w2, d2) = Shape(desc2, nameof(desc2));
        if (d1 != d2) throw new ArgumentException($"descriptor dimensions differ: {d1} in map 1, {d2} in map 2");

        using var scope = NewDisposeScope();
        var (into1, into2) = Searches(desc1, desc2, options);
        var xy1 = seeds.Distinct().Order().ToArray();
        var (pairs1, pairs2) = pixelTol > 0
            ? ToleranceRound(xy1, w1, into1, into2, pixelTol)
            : Iterate(xy1, maxIterations, into1, into2);
        return Merge(pairs1, pairs2, w1, w2, (long)h2 * w2);
    }

    // The official loop: both sides start active with xy2 = -1; a seed stops when its partner in map 2 repeats or
    // when it returns to its previous map-1 position. Seeds still active after the last round are dropped.
    private static (int[] Xy1, int[] Xy2) Iterate(int[] xy1, int maxIterations, INearestSearch into1, INearestSearch into2)
    {
        int n = xy1.Length;
        var xy2 = Enumerable.Repeat(-1, n).ToArray();
        var old1 = (int[])xy1.Clone();
        var old2 = (int[])xy2.Clone();
        var active = Enumerable.Repeat(true, n).ToArray();
        for (int round = 0; round < maxIterations && active.Contains(true); round++)
        {
            var rows = ActiveRows(active);
            var found2 = into2.Nearest(rows.Select(i => xy1[i]).ToArray());
            for (int k = 0; k < rows.Length; k++)
            {
                int i = rows[k];
                xy2[i] = found2[k];
                if (xy2[i] == old2[i]) active[i] = false;
            }
            rows = ActiveRows(active);
            var found1 = into1.Nearest(rows.Select(i => xy2[i]).ToArray());
            for (int k = 0; k < rows.Length; k++)
            {
                int i = rows[k];
                xy1[i] = found1[k];
                if (xy1[i] == old1[i]) active[i] = false;
            }
            Array.Copy(xy1, old1, n);
            Array.Copy(xy2, old2, n);
        }
        var converged = ActiveRows(active.Select(a => !a).ToArray());
        return (converged.Select(i => xy1[i]).ToArray(), converged.Select(i => xy2[i]).ToArray());
    }

    private static (int[] Xy1, int[] Xy2) ToleranceRound(int[] seeds, int w1, INearestSearch into1, INearestSearch into2, double pixelTol)
    {
        var partner = into2.Nearest(seeds);
        var back = into1.Nearest(partner);
        var keep = new List<int>();
        for (int i = 0; i < seeds.Length; i++)
        {
            double dy = seeds[i] / w1 - back[i] / w1, dx = seeds[i] % w1 - back[i] % w1;
            if (Math.Sqrt(dy * dy + dx * dx) < pixelTol) keep.Add(i);
        }
        return (keep.Select(i => seeds[i]).ToArray(), keep.Select(i => partner[i]).ToArray());
    }

    // into1 searches map 1 with rows of map 2; into2 searches map 2 with rows of map 1.
    private static (INearestSearch Into1, INearestSearch Into2) Searches(Tensor desc1, Tensor desc2, MatcherOptions options)
    {
        int d = (int)desc1.shape[2];
        var device = options.ResolvedDevice;
        var flat1 = desc1.to(device).to(ScalarType.Float32).reshape(-1, d).contiguous();
        var flat2 = desc2.to(device).to(ScalarType.Float32).reshape(-1, d).contiguous();
        if (device.type == TorchSharp.DeviceType.CPU && !options.TorchBlocksOnCpu)
        {
            var a = flat1.data<float>().ToArray();
            var b = flat2.data<float>().ToArray();
            return (new FusedDotNearest(b, a, d), new FusedDotNearest(a, b, d));
        }
        return (new BlockedDotNearest(flat2, flat1, options.BlockSize), new BlockedDotNearest(flat1, flat2, options.BlockSize));
    }

    private static int[] ActiveRows(bool[] active)
    {
        var rows = new List<int>(active.Length);
        for (int i = 0; i < active.Length; i++)
            if (active[i]) rows.Add(i);
        return rows.ToArray();
    }

    // Official merge step: duplicates removed, sorted by (index in map 1, index in map 2).
    private static Correspondences Merge(int[] xy1, int[] xy2, int w1, int w2, long size2)
    {
        var keys = new long[xy1.Length];
        for (int i = 0; i < keys.Length; i++) keys[i] = xy1[i] * size2 + xy2[i];
        var unique = keys.Distinct().Order().ToArray();
        var x1 = new int[unique.Length]; var y1 = new int[unique.Length];
        var x2 = new int[unique.Length]; var y2 = new int[unique.Length];
        for (int i = 0; i < unique.Length; i++)
        {
            int i1 = (int)(unique[i] / size2), i2 = (int)(unique[i] % size2);
            x1[i] = i1 % w1; y1[i] = i1 / w1; x2[i] = i2 % w2; y2[i] = i2 / w2;
        }
        return new Correspondences(x1, y1, x2, y2);
    }

    private static (int H, int W, int D) Shape(Tensor desc, string name)
    {
        ArgumentNullException.ThrowIfNull(desc, name);
        if (desc.dim() != 3 || desc.shape.Any(s => s < 1))
            throw new ArgumentException($"{name} must be a non-empty [H, W, D] descriptor map, got [{string.Join(", ", desc.shape)}]", name);
        return ((int)desc.shape[0], (int)desc.shape[1], (int)desc.shape[2]);
    }
}
