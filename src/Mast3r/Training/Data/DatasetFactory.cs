namespace Mast3r.Training.Data;

/// <summary>
/// Turns a parsed dataset mix into readable datasets. Ported: <c>SyntheticScenes(n, resolution=…, seed=…,
/// n_corres=…, nneg=…, aug_crop=…)</c>. The official datasets (Habitat512, BlendedMVS, MegaDepth, ARKitScenes, Co3d,
/// …) parse but cannot be read by this suite: they fail with one message listing every such term.
/// </summary>
internal static class DatasetFactory
{
    public static MixedDataset Build(string text)
    {
        var terms = DatasetMix.Parse(text);
        var unreadable = terms.Where(t => t.Name != "SyntheticScenes").Select(t => t.Name).Distinct().ToList();
        if (unreadable.Count > 0)
            throw new TrainingConfigException(
                $"the dataset mix parsed into {terms.Count} terms, but {string.Join(", ", unreadable)} cannot be read by this suite " +
                "(no loader is ported for them; their data is not available here). Readable: SyntheticScenes(n, resolution=(W, H), seed=0, n_corres=…, nneg=…).");
        return new MixedDataset(terms.Select(t => (Synthetic(t.Call), t.SamplesPerEpoch)).ToList());
    }

    private static PairDataset Synthetic(PyCall call)
    {
        var a = PyArgs.Bind(call, "n", "*resolution", "seed", "n_corres", "nneg", "aug_crop", "transform", "split");
        int n = (int)a.Number("n", 1000);
        if (n < 1) throw new TrainingConfigException("SyntheticScenes(): n must be positive.");
        return new SyntheticScenes(n, (int)a.Number("seed", 0))
        {
            Resolutions = Resolutions(a.Has("resolution") ? PyArgs.Eval(a.Required("resolution")) : new object?[] { 512L, 384L }),
            NCorres = (int)a.Number("n_corres", 8192),
            NNeg = a.Number("nneg", 0.5),
            AugCrop = (int)a.Number("aug_crop", 0),
        };
    }

    /// <summary>Accepts (W, H), [(W, H), …] or a single int (square), like the dust3r datasets.</summary>
    internal static IReadOnlyList<(int W, int H)> Resolutions(object? value)
    {
        (int, int) One(object? v) => v switch
        {
            long s => ((int)s, (int)s),
            object?[] { Length: 2 } t when t[0] is long w && t[1] is long h => ((int)w, (int)h),
            _ => throw new TrainingConfigException($"resolution must be (W, H) or an int, got {PyArgs.Show(v)}."),
        };
        var list = value is List<object?> l ? l.Select(One).ToList() : new List<(int, int)> { One(value) };
        foreach (var (w, h) in list)
            if (w % 16 != 0 || h % 16 != 0 || w < h)
                throw new TrainingConfigException($"resolution ({w}, {h}) must be landscape with both sides multiples of 16.");
        return list;
    }
}

/// <summary>
/// Concatenation of datasets, each resized to its <c>N @</c> sample count (dust3r CatDataset of ResizedDataset):
/// index i of term t maps to pair (i + epoch·N) mod len, so successive epochs walk through large datasets.
/// </summary>
internal sealed class MixedDataset(IReadOnlyList<(PairDataset Dataset, long? SamplesPerEpoch)> terms)
{
    public IReadOnlyList<(PairDataset Dataset, long? SamplesPerEpoch)> Terms { get; } = terms;

    public int Count => (int)Terms.Sum(t => t.SamplesPerEpoch ?? t.Dataset.Count);

    /// <summary>Resolutions common to the mix (the first term's; every batch uses one of them).</summary>
    public IReadOnlyList<(int W, int H)> Resolutions => Terms[0].Dataset.Resolutions;

    public PairSample Get(int index, int epoch, int resolution, Random rng)
    {
        foreach (var (ds, n) in Terms)
        {
            int size = (int)(n ?? ds.Count);
            if (index < size) return ds.Get((int)((index + (long)epoch * size) % ds.Count), resolution, rng);
            index -= size;
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }
}
