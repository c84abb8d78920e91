using Mast3r.Inference;
using Mast3r.Matching;
using static TorchSharp.torch;

namespace Mast3r.Localization;

/// <summary>
/// The matching step of the pipelines on two <see cref="ViewPrediction"/>s: mast3r <c>fast_reciprocal_NNs</c>
/// (<see cref="FastReciprocalMatcher"/>) on the 24-d descriptors, followed by the descriptor-confidence filter
/// (min of both confidences ≥ threshold, visloc <c>--confidence_threshold</c>).
/// </summary>
internal static class ReciprocalMatcher
{
    /// <summary>Visloc mode: one round seeded at chosen pixels of view A, kept when the cycle returns within
    /// <paramref name="pixelTolerance"/> of the seed. Returns (pixel index in A, pixel index in B) pairs.</summary>
    public static List<(int A, int B)> Match(ViewPrediction a, ViewPrediction b, IReadOnlyList<int> seedsA, double pixelTolerance,
        double minDescConf)
    {
        if (seedsA.Count == 0) return new List<(int, int)>();
        using var scope = NewDisposeScope();
        var c = FastReciprocalMatcher.MatchFromSeeds(Descriptors(a), Descriptors(b),
            seedsA.Select(i => i % a.Width).ToArray(), seedsA.Select(i => i / a.Width).ToArray(), pixelTolerance);
        return Filter(c, a, b, minDescConf);
    }

    /// <summary>Grid mode (map-free, demo pair): seeds every <paramref name="subsample"/> pixels of A, iterated until the
    /// cycles converge (the official default); A positions are the converged ones.</summary>
    public static List<(int A, int B)> MatchGrid(ViewPrediction a, ViewPrediction b, int subsample, double minDescConf)
    {
        using var scope = NewDisposeScope();
        return Filter(FastReciprocalMatcher.Match(Descriptors(a), Descriptors(b), subsample), a, b, minDescConf);
    }

    private static Tensor Descriptors(ViewPrediction v) => tensor(v.Desc, new long[] { v.Height, v.Width, v.DescDim });

    private static List<(int A, int B)> Filter(Correspondences c, ViewPrediction a, ViewPrediction b, double minDescConf)
    {
        var result = new List<(int, int)>(c.X1.Length);
        for (int i = 0; i < c.X1.Length; i++)
        {
            int ia = c.Y1[i] * a.Width + c.X1[i], ib = c.Y2[i] * b.Width + c.X2[i];
            if (Math.Min(a.DescConf[ia], b.DescConf[ib]) >= minDescConf) result.Add((ia, ib));
        }
        return result;
    }
}
