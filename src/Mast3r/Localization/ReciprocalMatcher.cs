using Mast3r.Inference;
using static TorchSharp.torch;

namespace Mast3r.Localization;

/// <summary>
/// One round of reciprocal nearest-neighbour matching on the local descriptors, seeded at chosen pixels of view A
/// (mast3r <c>fast_reciprocal_NNs</c>, one iteration, as visloc uses it: seed → NN in B → NN back in A, kept when
/// the returned pixel lies within <c>pixelTolerance</c> of the seed). Dot-product NN on TorchSharp matrices.
/// Kept here until the images-matching branch's matcher is merged; the contract (pixel indices in, index pairs out)
/// is the same.
/// </summary>
internal static class ReciprocalMatcher
{
    /// <summary>Returns (seed pixel index in A, matched pixel index in B) pairs.</summary>
    public static List<(int A, int B)> Match(ViewPrediction a, ViewPrediction b, IReadOnlyList<int> seedsA, double pixelTolerance,
        double minDescConf)
    {
        var result = new List<(int, int)>();
        if (seedsA.Count == 0) return result;
        using var scope = NewDisposeScope();
        using var _ = inference_mode();
        int d = a.DescDim;
        var descA = tensor(a.Desc, new long[] { a.Height * a.Width, d });
        var descB = tensor(b.Desc, new long[] { b.Height * b.Width, d });
        var seeds = tensor(seedsA.Select(i => (long)i).ToArray());
        var bIdx = NearestNeighbours(descA.index_select(0, seeds), descB);
        var backIdx = NearestNeighbours(descB.index_select(0, tensor(bIdx)), descA);
        double tol2 = pixelTolerance * pixelTolerance;
        var seen = new HashSet<(int, int)>();
        for (int i = 0; i < seedsA.Count; i++)
        {
            int s = seedsA[i], r = (int)backIdx[i], m = (int)bIdx[i];
            double dx = s % a.Width - r % a.Width, dy = s / a.Width - r / a.Width;
            if (dx * dx + dy * dy > tol2) continue;
            if (Math.Min(a.DescConf[s], b.DescConf[m]) < minDescConf) continue;
            if (seen.Add((s, m))) result.Add((s, m));
        }
        return result;
    }

    // Row-wise argmax of queries·targetsᵀ in blocks, so the similarity matrix never exceeds ~16 MB.
    private static long[] NearestNeighbours(Tensor queries, Tensor targets)
    {
        const int block = 4096 * 1024;
        long n = queries.shape[0], m = targets.shape[0];
        long rows = Math.Max(1, block / Math.Max(1, m));
        var result = new long[n];
        var tt = targets.t().contiguous();
        for (long start = 0; start < n; start += rows)
        {
            using var scope = NewDisposeScope();
            long len = Math.Min(rows, n - start);
            var idx = queries.narrow(0, start, len).matmul(tt).argmax(1).data<long>().ToArray();
            Array.Copy(idx, 0, result, start, len);
        }
        return result;
    }
}
