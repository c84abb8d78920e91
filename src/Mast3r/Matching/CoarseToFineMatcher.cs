using Mast3r.Images;
using Mast3r.Inference;
using static TorchSharp.torch;

namespace Mast3r.Matching;

/// <summary>Settings of <see cref="CoarseToFineMatcher"/>; values the official code does not fix are marked as ours.</summary>
internal sealed record CoarseToFineOptions
{
    /// <summary>Network resolution (long side); 512 for the release model.</summary>
    public int LongSide { get; init; } = 512;

    /// <summary>Overlap of neighbouring tiles (official: 0.5).</summary>
    public double Overlap { get; init; } = 0.5;

    /// <summary>Share of the weighted coarse correspondences the chosen window pairs must cover (official: 90 %).</summary>
    public double Coverage { get; init; } = 0.9;

    /// <summary>Crop pairs per predictor call (official <c>--max_batch_size</c> 48).</summary>
    public int MaxBatch { get; init; } = 48;

    /// <summary>Fine matching back-projection tolerance in pixels (official visloc <c>--pixel_tol</c> 5).</summary>
    public double PixelTol { get; init; } = 5;

    /// <summary>Seed spacing in the crop of image A (ours: without 3-D there is no validity mask, so a grid stands in for
    /// the map's valid pixels; 1 = every pixel).</summary>
    public int FineSeedStride { get; init; } = 1;

    /// <summary>Fine matches are kept when min(desc_conf A, desc_conf B) ≥ this (visloc <c>--confidence_threshold</c> 1.001
    /// is applied after fine matching); 0 keeps every match.</summary>
    public double MinDescConf { get; init; }

    /// <summary>Matcher device and block size.</summary>
    public MatcherOptions Matcher { get; init; } = new();
}

/// <summary>
/// Coarse-to-fine matching of an image pair without 3-D (the generic form of naver/mast3r <c>visloc.py</c>
/// <c>--coarse_to_fine</c>, architecture-spec.md §6.3): coarse grid matching (8-px seeds, 3-px border dropped) of the
/// <c>load_images</c> views, window pairs from <see cref="CoarseToFineWindows.SelectPairs"/> (A = image 1), native-resolution
/// crops through the network in batches, fine matching seeded on a grid of crop A with a pixel tolerance, results in
/// full-resolution pixels. Images that cannot be tiled (long side ≤ the network size) return the coarse matches.
/// </summary>
internal static class CoarseToFineMatcher
{
    /// <summary>Seed spacing and border of the coarse matching (official visloc <c>coarse_matching</c> with pixel_tol 0).</summary>
    internal const int CoarseSubsample = 8, CoarseBorder = 3;

    /// <param name="predictor">The network (or the synthetic oracle) run on the coarse views and on the crop pairs.</param>
    /// <param name="a">Image A at full resolution.</param>
    /// <param name="b">Image B at full resolution.</param>
    /// <param name="options">Window, batch and fine-matching settings; null = the official visloc values.</param>
    /// <param name="sourceA">Where image A came from (its path): kept as <see cref="PreprocessedImage.Source"/> of the coarse
    /// view and of every crop, so error messages and the synthetic oracle know the image; null names it "A".</param>
    /// <param name="sourceB">The same for image B.</param>
    public static MatchPoints Match(IPairPredictor predictor, RgbImage a, RgbImage b, CoarseToFineOptions? options = null,
        string? sourceA = null, string? sourceB = null)
    {
        var o = options ?? new CoarseToFineOptions();
        string nameA = sourceA ?? "A", nameB = sourceB ?? "B";
        var coarseA = ImageLoader.Preprocess(a.Rgb, a.Width, a.Height, nameA, o.LongSide);
        var coarseB = ImageLoader.Preprocess(b.Rgb, b.Width, b.Height, nameB, o.LongSide);
        var coarse = predictor.Predict([(coarseA, coarseB)])[0];
        var grid = CoarseMatches(coarse.View1, coarse.View2, o.Matcher);
        var points = ToFullResolution(grid, a, b, o.LongSide);
        if (Math.Max(a.Width, a.Height) <= o.LongSide || !CoarseToFineWindows.CanTile(a.Width, a.Height, o.LongSide)
            || !CoarseToFineWindows.CanTile(b.Width, b.Height, o.LongSide))
            return points;

        var pairs = CoarseToFineWindows.SelectPairs(points, (a.Width, a.Height), (b.Width, b.Height), o.LongSide, o.Overlap, o.Coverage);
        var parts = new List<MatchPoints>();
        foreach (var batch in pairs.Chunk(o.MaxBatch))
        {
            var inputs = batch.Select(p => (Crop(a, p.Window1, nameA), Crop(b, p.Window2, nameB))).ToList();
            var outputs = predictor.Predict(inputs);
            for (int k = 0; k < batch.Length; k++)
            {
                var seeds = SeedGrid(outputs[k].View1.Width, outputs[k].View1.Height, o.FineSeedStride);
                using var scope = NewDisposeScope();
                var fine = FastReciprocalMatcher.MatchFromSeeds(Descriptors(outputs[k].View1), Descriptors(outputs[k].View2),
                    seeds.X, seeds.Y, o.PixelTol, o.Matcher);
                var (w1, w2) = batch[k];
                var (v1, v2) = (outputs[k].View1, outputs[k].View2);
                var keep = Enumerable.Range(0, fine.X1.Length).Where(i => o.MinDescConf <= 0
                    || Math.Min(v1.DescConf[fine.Y1[i] * v1.Width + fine.X1[i]], v2.DescConf[fine.Y2[i] * v2.Width + fine.X2[i]]) >= o.MinDescConf).ToArray();
                parts.Add(new MatchPoints(keep.Select(i => (double)fine.X1[i] + w1.Left).ToArray(), keep.Select(i => (double)fine.Y1[i] + w1.Top).ToArray(),
                    keep.Select(i => (double)fine.X2[i] + w2.Left).ToArray(), keep.Select(i => (double)fine.Y2[i] + w2.Top).ToArray()));
            }
        }
        return Deduplicate(MatchPoints.Concat(parts));
    }

    /// <summary>Grid matching every 8 px of view A (converged, pixel_tol 0), then matches within 3 px of either image's
    /// border dropped. No confidence filter.</summary>
    internal static Correspondences CoarseMatches(ViewPrediction a, ViewPrediction b, MatcherOptions? matcher = null)
    {
        using var scope = NewDisposeScope();
        var c = FastReciprocalMatcher.Match(Descriptors(a), Descriptors(b), CoarseSubsample, matcher);
        var keep = Enumerable.Range(0, c.X1.Length).Where(i =>
            Inside(c.X1[i], c.Y1[i], a.Width, a.Height) && Inside(c.X2[i], c.Y2[i], b.Width, b.Height)).ToArray();
        return new Correspondences(keep.Select(i => c.X1[i]).ToArray(), keep.Select(i => c.Y1[i]).ToArray(),
            keep.Select(i => c.X2[i]).ToArray(), keep.Select(i => c.Y2[i]).ToArray());
    }

    private static bool Inside(int x, int y, int w, int h) =>
        x >= CoarseBorder && x < w - CoarseBorder && y >= CoarseBorder && y < h - CoarseBorder;

    private static Tensor Descriptors(ViewPrediction v) => tensor(v.Desc, new long[] { v.Height, v.Width, v.DescDim });

    private static (int[] X, int[] Y) SeedGrid(int width, int height, int stride)
    {
        var xs = new List<int>();
        var ys = new List<int>();
        for (int y = stride / 2; y < height; y += stride)
            for (int x = stride / 2; x < width; x += stride) { xs.Add(x); ys.Add(y); }
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>A native-resolution crop (the window already has the network size), tagged with where its pixels come from.</summary>
    internal static PreprocessedImage Crop(RgbImage image, CropWindow w, string name) =>
        new(LoadGeometry.Crop(image.Rgb, image.Width, 3, new LoadGeometry.CropBox(w.Left, w.Top, w.Right, w.Bottom)), w.Height, w.Width,
            name) { PixelToSource = PixelMaps.Translation(w.Left, w.Top) };

    /// <summary>Pixel centres of the preprocessed (resized, cropped) image back to full-resolution coordinates.</summary>
    internal static MatchPoints ToFullResolution(Correspondences m, RgbImage a, RgbImage b, int longSide)
    {
        var (ax, ay) = Mapper(a, longSide);
        var (bx, by) = Mapper(b, longSide);
        return new MatchPoints(m.X1.Select(ax).ToArray(), m.Y1.Select(ay).ToArray(), m.X2.Select(bx).ToArray(), m.Y2.Select(by).ToArray());
    }

    private static (Func<int, double> X, Func<int, double> Y) Mapper(RgbImage image, int longSide)
    {
        var plan = LoadGeometry.PlanResize(image.Width, image.Height, longSide);
        var box = LoadGeometry.CentreCrop16(plan.Width, plan.Height);
        double sx = (double)image.Width / plan.Width, sy = (double)image.Height / plan.Height;
        return (x => (x + box.Left + 0.5) * sx - 0.5, y => (y + box.Top + 0.5) * sy - 0.5);
    }

    private static MatchPoints Deduplicate(MatchPoints m)
    {
        var seen = new HashSet<(double, double, double, double)>();
        var keep = Enumerable.Range(0, m.Count).Where(i => seen.Add((m.XA[i], m.YA[i], m.XB[i], m.YB[i]))).ToArray();
        return new MatchPoints(keep.Select(i => m.XA[i]).ToArray(), keep.Select(i => m.YA[i]).ToArray(),
            keep.Select(i => m.XB[i]).ToArray(), keep.Select(i => m.YB[i]).ToArray());
    }
}
