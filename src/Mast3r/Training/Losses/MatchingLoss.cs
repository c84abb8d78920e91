using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training.Losses;

/// <summary>
/// Descriptor matching loss per image pair (mirrors mast3r <c>losses.MatchingLoss</c>): gathers the descriptors at the
/// dataset's correspondences, optionally shuffles them into blocks of <see cref="BlockSize"/>, and applies InfoNCE.
/// Used alone it is the mean over valid correspondences; inside <see cref="ConfMatchingLoss"/> it is per entry.
/// </summary>
internal sealed class MatchingLoss(InfoNce criterion, int blockSize, IPermutationSource? shuffle = null) : Criterion
{
    public InfoNce Criterion { get; } = criterion;

    public int BlockSize { get; } = blockSize;

    /// <summary>Source of the block-shuffle permutations (only used when N &gt; block size).</summary>
    public IPermutationSource Shuffle { get; set; } = shuffle ?? new SeededPermutationSource(0);

    /// <summary>Per valid correspondence: loss and both desc_conf values, in the order upstream returns them.</summary>
    internal sealed record Result(Tensor PerEntry, Tensor? Conf1, Tensor? Conf2, Tensor? AllConf1, Tensor? AllConf2);

    public Result Evaluate(GtView gt1, GtView gt2, PredView pred1, PredView pred2)
    {
        if (gt1.Corres is null || gt2.Corres is null || gt1.ValidCorres is null)
            throw new ArgumentException("MatchingLoss needs 'corres' in both views and 'valid_corres' in view 1.");
        if (pred1.Desc is null || pred2.Desc is null) throw new ArgumentException("MatchingLoss needs 'desc' predictions.");
        var idx1 = FlatIndex(gt1.Corres, pred1.Desc);
        var idx2 = FlatIndex(gt2.Corres, pred2.Desc);
        var a = Gather(pred1.Desc, idx1);
        var b = Gather(pred2.Desc, idx2);
        var valid = gt1.ValidCorres;
        Tensor? q1 = pred1.DescConf is null ? null : Gather(pred1.DescConf.unsqueeze(-1), idx1).squeeze(-1);
        Tensor? q2 = pred2.DescConf is null ? null : Gather(pred2.DescConf.unsqueeze(-1), idx2).squeeze(-1);
        var allQ1 = q1;
        var allQ2 = q2;

        long batch = a.shape[0], n = a.shape[1], d = a.shape[2];
        if (n > BlockSize)
        {
            if (n % BlockSize != 0) throw new ArgumentException($"MatchingLoss: {n} correspondences is not a multiple of blocksize {BlockSize}.");
            using var perm = Permutations((int)batch, (int)n, a.device);
            a = a.gather(1, perm.unsqueeze(-1).expand(batch, n, d));
            b = b.gather(1, perm.unsqueeze(-1).expand(batch, n, d));
            valid = valid.gather(1, perm);
            q1 = q1?.gather(1, perm);
            q2 = q2?.gather(1, perm);
            long chunks = n / BlockSize;
            a = a.reshape(batch * chunks, BlockSize, d);
            b = b.reshape(batch * chunks, BlockSize, d);
            valid = valid.reshape(batch * chunks, BlockSize);
        }
        var loss = Criterion.Loss(a, b, valid);
        var flatValid = valid.reshape(batch, -1);
        return new Result(loss,
            q1?.index(new TensorIndex[] { TensorIndex.Tensor(flatValid) }),
            q2?.index(new TensorIndex[] { TensorIndex.Tensor(flatValid) }),
            allQ1, allQ2);
    }

    public override LossOutput Compute(GtView gt1, GtView gt2, PredView pred1, PredView pred2)
    {
        var r = Evaluate(gt1, gt2, pred1, pred2);
        var mean = r.PerEntry.numel() > 0 ? r.PerEntry.mean() : Scalar(r.PerEntry, 0.0);
        return new LossOutput(mean, new Dictionary<string, Tensor> { ["MatchingLoss"] = mean.detach() });
    }

    public override string Describe() => $"MatchingLoss({Criterion.Describe()}, negatives_padding=0, blocksize={BlockSize})";

    private Tensor Permutations(int batch, int n, Device device)
    {
        var all = new long[batch * n];
        for (int s = 0; s < batch; s++) Array.Copy(Shuffle.Next(n), 0, all, s * n, n);
        return torch.tensor(all, new long[] { batch, n }, device: device);
    }

    /// <summary>Row-major pixel index y·W + x of (x, y) correspondences (B×N×2) in a B×H×W×… map.</summary>
    private static Tensor FlatIndex(Tensor corres, Tensor map)
    {
        long w = map.shape[2];
        return corres[.., .., 1] * w + corres[.., .., 0];
    }

    private static Tensor Gather(Tensor map, Tensor flatIndex)
    {
        long batch = map.shape[0], c = map.shape[3];
        var flat = map.reshape(batch, -1, c);
        return flat.gather(1, flatIndex.unsqueeze(-1).expand(batch, flatIndex.shape[1], c));
    }
}
