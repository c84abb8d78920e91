namespace Mast3r.Training.Data;

/// <summary>A processed training pair: both views at the target resolution and their correspondences.</summary>
internal sealed record PairSample(ViewSample View1, ViewSample View2, CorrespondenceSet Corres);

/// <summary>
/// A view-pair dataset (mirrors the role of dust3r/mast3r <c>BaseStereoViewDataset</c>): subclasses return the raw
/// views of pair <c>index</c>; this base applies the crop/resolution rules, computes GT points and masks, and samples
/// <see cref="NCorres"/> correspondences with a fraction <see cref="NNeg"/> of negatives.
/// </summary>
internal abstract class PairDataset
{
    public abstract int Count { get; }

    public abstract string Name { get; }

    /// <summary>Target resolutions (W, H), landscape; one is drawn per sample (the loader keeps one per batch).</summary>
    public IReadOnlyList<(int W, int H)> Resolutions { get; init; } = new[] { (512, 384) };

    public int NCorres { get; init; } = 8192;

    public double NNeg { get; init; } = 0.5;

    public int AugCrop { get; init; }

    /// <summary>Raw views, rendered or read for a target resolution of <paramref name="width"/>×<paramref name="height"/>.</summary>
    protected abstract (ViewSample, ViewSample) Raw(int index, int width, int height);

    /// <summary>Builds pair <paramref name="index"/> at resolution <paramref name="resolution"/> with its own random stream.</summary>
    public PairSample Get(int index, int resolution, Random rng, ICorrespondenceRandom? corresRandom = null)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), $"{Name} has {Count} pairs.");
        var (w, h) = Resolutions[resolution];
        var (v1, v2) = Raw(index, w, h);
        ViewCropping.CropResize(v1, w, h, rng, AugCrop);
        ViewCropping.CropResize(v2, w, h, rng, AugCrop);
        var corres = Correspondences.Sample(v1.AsCorrespondenceView(), v2.AsCorrespondenceView(), NCorres, NNeg,
            corresRandom ?? new SeededCorrespondenceRandom(rng));
        return new PairSample(v1, v2, corres);
    }
}
