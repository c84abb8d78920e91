using Mast3r.Images;
using Mast3r.Inference;
using static TorchSharp.torch;

namespace Mast3r.Matching;

/// <summary>Settings of <see cref="CoarseToFineMatcher"/>; values the spec does not state are marked as ours.</summary>
internal sealed record CoarseToFineOptions
{
    /// <summary>Network resolution (long side); 512 for the release model.</summary>
    public int LongSide { get; init; } = 512;

    /// <summary>Overlap of neighbouring tiles (spec: 0.5).</summary>
    public double Overlap { get; init; } = 0.5;

    /// <summary>Share of the weighted coarse correspondences the chosen window pairs must cover (spec: 90 %).</summary>
    public double Coverage { get; init; } = 0.9;

    /// <summary>Crop pairs per predictor call (spec: at most 48).</summary>
    public int MaxBatch { get; init; } = 48;

    /// <summary>Fine matching back-projection tolerance in pixels (ours: 5, the value of the COLMAP export, §6.2).</summary>
    public double PixelTol { get; init; } = 5;

    /// <summary>Seed spacing in the crop of image A (1 = every pixel, the spec's "valid pixels" without a validity mask).</summary>
    public int FineSeedStride { get; init; } = 1;

    /// <summary>Matcher device and block size.</summary>
    public MatcherOptions Matcher { get; init; } = new();
}

/// <summary>
/// Coarse-to-fine matching for images larger than the network resolution (naver/mast3r <c>visloc.py</c>
/// <c>--coarse_to_fine</c>; architecture-spec.md §6.3): coarse reciprocal matching of the whole images at 512, tiling
/// with overlapping network-sized windows, partner windows from the coarse matches, a greedy cover, the network on the
/// chosen crop pairs, and fine matching with a pixel tolerance mapped back to full resolution. Not implemented:
/// <c>--max_image_size</c> and the optional principal-point homography (<c>--c2f_crop_with_homography</c>).
/// Unverified against official outputs (no fixture): see <see cref="CoarseToFineWindows"/> and the options.
/// </summary>
internal static class CoarseToFineMatcher
{
    public static MatchPoints Match(IPairPredictor predictor, RgbImage a, RgbImage b, CoarseToFineOptions? options = null)
    {
        var o = options ?? new CoarseToFineOptions();
        var coarseA = ImageLoader.Preprocess(a.Rgb, a.Width, a.Height, "A (coarse)", o.LongSide);
        var coarseB = ImageLoader.Preprocess(b.Rgb, b.Width, b.Height, "B (coarse)", o.LongSide);
        var coarse = predictor.Predict([(coarseA, coarseB)])[0];
        var grid = MatchViews(coarse, o.Matcher, seeds: null, pixelTol: 0);
        var points = ToFullResolution(grid, a, b, o.LongSide);
        if (Math.Max(a.Width, a.Height) <= o.LongSide) return points;

        var pairs = ChooseWindowPairs(points, a, b, o);
        var parts = new List<MatchPoints>();
        foreach (var batch in pairs.Chunk(o.MaxBatch))
        {
            var inputs = batch.Select(p => (CropForNetwork(a, p.A, o.LongSide, "A"), CropForNetwork(b, p.B, o.LongSide, "B"))).ToList();
            var outputs = predictor.Predict(inputs);
            for (int k = 0; k < batch.Length; k++)
            {
                var seeds = SeedGrid(outputs[k].View1.Width, outputs[k].View1.Height, o.FineSeedStride);
                var fine = MatchViews(outputs[k], o.Matcher, seeds, o.PixelTol);
                parts.Add(FromCrops(fine, batch[k], outputs[k]));
            }
        }
        return Deduplicate(MatchPoints.Concat(parts));
    }

    internal static IReadOnlyList<(CropWindow A, CropWindow B)> ChooseWindowPairs(MatchPoints points, RgbImage a, RgbImage b, CoarseToFineOptions o)
    {
        var candidates = new List<(CropWindow A, CropWindow B)>();
        var swapped = new MatchPoints(points.XB, points.YB, points.XA, points.YA);
        var (wa, ha) = CoarseToFineWindows.NetworkSize(a.Width, a.Height, o.LongSide);
        foreach (var tile in CoarseToFineWindows.Tile(a.Width, a.Height, wa, ha, o.Overlap))
            if (CoarseToFineWindows.Partner(tile, points, b.Width, b.Height, o.LongSide) is { } partner) candidates.Add((tile, partner));
        var (wb, hb) = CoarseToFineWindows.NetworkSize(b.Width, b.Height, o.LongSide);
        foreach (var tile in CoarseToFineWindows.Tile(b.Width, b.Height, wb, hb, o.Overlap))
            if (CoarseToFineWindows.Partner(tile, swapped, a.Width, a.Height, o.LongSide) is { } partner) candidates.Add((partner, tile));
        return CoarseToFineWindows.GreedyCover(candidates, points, o.Coverage).Select(i => candidates[i]).ToList();
    }

    private static Correspondences MatchViews(PairPrediction p, MatcherOptions matcher, (int[] X, int[] Y)? seeds, double pixelTol)
    {
        using var scope = NewDisposeScope();
        var d1 = tensor(p.View1.Desc, p.View1.Height, p.View1.Width, p.View1.DescDim);
        var d2 = tensor(p.View2.Desc, p.View2.Height, p.View2.Width, p.View2.DescDim);
        return seeds is { } s
            ? FastReciprocalMatcher.MatchFromSeeds(d1, d2, s.X, s.Y, pixelTol, matcher)
            : FastReciprocalMatcher.Match(d1, d2, subsample: 1, matcher);
    }

    private static (int[] X, int[] Y) SeedGrid(int width, int height, int stride)
    {
        var xs = new List<int>();
        var ys = new List<int>();
        for (int y = stride / 2; y < height; y += stride)
            for (int x = stride / 2; x < width; x += stride) { xs.Add(x); ys.Add(y); }
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>The crop resized to the network size of its aspect ratio (Pillow filters as in load_images).</summary>
    internal static PreprocessedImage CropForNetwork(RgbImage image, CropWindow w, int longSide, string name)
    {
        var crop = LoadGeometry.Crop(image.Rgb, image.Width, 3, new LoadGeometry.CropBox(w.Left, w.Top, w.Right, w.Bottom));
        var (netW, netH) = CoarseToFineWindows.NetworkSize(w.Width, w.Height, longSide);
        var filter = Math.Max(w.Width, w.Height) > longSide ? ResampleFilter.Lanczos : ResampleFilter.Bicubic;
        var rgb = PillowResampler.Resize(crop, w.Width, w.Height, 3, netW, netH, filter);
        return new PreprocessedImage(rgb, netH, netW, $"{name} crop {w}");
    }

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

    private static MatchPoints FromCrops(Correspondences m, (CropWindow A, CropWindow B) pair, PairPrediction p)
    {
        double sax = (double)pair.A.Width / p.View1.Width, say = (double)pair.A.Height / p.View1.Height;
        double sbx = (double)pair.B.Width / p.View2.Width, sby = (double)pair.B.Height / p.View2.Height;
        return new MatchPoints(
            m.X1.Select(x => pair.A.Left + (x + 0.5) * sax - 0.5).ToArray(), m.Y1.Select(y => pair.A.Top + (y + 0.5) * say - 0.5).ToArray(),
            m.X2.Select(x => pair.B.Left + (x + 0.5) * sbx - 0.5).ToArray(), m.Y2.Select(y => pair.B.Top + (y + 0.5) * sby - 0.5).ToArray());
    }

    private static MatchPoints Deduplicate(MatchPoints m)
    {
        var seen = new HashSet<(double, double, double, double)>();
        var keep = Enumerable.Range(0, m.Count).Where(i => seen.Add((m.XA[i], m.YA[i], m.XB[i], m.YB[i]))).ToArray();
        return new MatchPoints(keep.Select(i => m.XA[i]).ToArray(), keep.Select(i => m.YA[i]).ToArray(),
            keep.Select(i => m.XB[i]).ToArray(), keep.Select(i => m.YB[i]).ToArray());
    }
}
