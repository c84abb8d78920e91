using Mast3r.Images;

namespace Mast3r.Matching;

/// <summary>
/// Window selection of the coarse-to-fine matching (naver/mast3r <c>mast3r/utils/coarse_to_fine.py</c>:
/// <c>_start_pos</c>, <c>_make_overlapping_grid</c>, <c>_norm_windows</c>, <c>_score_cell</c>, <c>_weight_pixels</c>,
/// <c>greedy_selection</c>, <c>select_pairs_of_crops</c>; facts in architecture-spec.md §6.3 and the lead's notes):
/// an overlapping grid per image, every window forced to that image's network resolution (crops are taken at native
/// pixel resolution, never resized), partner windows from the coarse matches in both directions, Gaussian weights per
/// (window pair, match), and a subtractive greedy cover up to 90 % of the weight.
/// Deviations: statistics in double precision (the official arrays are float32); an image smaller than its network
/// resolution is refused with an exception (the official code asserts).
/// </summary>
internal static class CoarseToFineWindows
{
    /// <summary>A window needs at least this many coarse matches to be scored (official <c>min_corres</c>).</summary>
    public const int MinMatches = 10;

    /// <summary>One scored window pair: the window in image 1, its partner in image 2, the weight of every match.</summary>
    internal sealed record ScoredPair(CropWindow Window1, CropWindow Window2, double[] Weights);

    /// <summary>
    /// Start positions along one axis: spacing = window·(1 − overlap), last = total − window,
    /// n = 2 + ⌊(last − 1)/spacing⌋, starts = round-half-even of linspace(0, last, n). 1600/512 → 0, 218, 435, 653, 870, 1088.
    /// </summary>
    public static int[] StartPositions(int total, int window, double overlap)
    {
        if (overlap < 0 || overlap >= 1) throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "overlap must be in [0, 1)");
        if (window <= 0 || total < window)
            throw new ArgumentException($"a {window}-px window does not fit in {total} px (coarse-to-fine needs images at least the window size)");
        double spacing = window * (1 - overlap);
        int last = total - window;
        int n = 2 + (int)Math.Floor((last - 1) / spacing);
        if (n <= 1) return new[] { 0 };
        double step = (double)last / (n - 1);
        var starts = new int[n];
        for (int i = 0; i < n; i++) starts[i] = i == n - 1 ? last : (int)Math.Round(i * step, MidpointRounding.ToEven);
        return starts;
    }

    /// <summary>The overlapping grid of an image: window = multiple of 16 of (W·maxdim div max(W, H), H·maxdim div max(W, H)),
    /// one window per (x start, y start), x fastest.</summary>
    public static List<CropWindow> Grid(int width, int height, int maxdim, double overlap = 0.5)
    {
        int longSide = Math.Max(width, height);
        int winW = (int)((long)width * maxdim / longSide) / 16 * 16, winH = (int)((long)height * maxdim / longSide) / 16 * 16;
        var xs = StartPositions(width, winW, overlap);
        var ys = StartPositions(height, winH, overlap);
        return ys.SelectMany(y => xs.Select(x => new CropWindow(x, y, winW, winH))).ToList();
    }

    /// <summary>
    /// A window (l, t, r, b) resized to exactly <paramref name="forced"/> symmetrically about its centre, floored to
    /// integers (right edge ⌊r + (F − w)/2⌋, left = right − F, so the size is exact) and shifted inside the image.
    /// </summary>
    public static CropWindow Normalise(double left, double top, double right, double bottom, int imageWidth, int imageHeight, (int Width, int Height) forced)
    {
        if (forced.Width > imageWidth || forced.Height > imageHeight)
            throw new ArgumentException($"a {forced.Width}x{forced.Height} window does not fit in a {imageWidth}x{imageHeight} image");
        return new CropWindow(Axis(left, right, forced.Width, imageWidth), Axis(top, bottom, forced.Height, imageHeight), forced.Width, forced.Height);
    }

    private static int Axis(double lo, double hi, int size, int total)
    {
        int end = (int)Math.Floor(hi + (size - (hi - lo)) / 2);
        int start = end - size;
        if (start < 0) start = 0;
        if (start + size > total) start = total - size;
        return start;
    }

    /// <summary>
    /// Scores the windows of image 1 (official <c>_score_cell</c>): a window with ≥ <see cref="MinMatches"/> matches inside
    /// gets a partner in image 2 centred on the mean of their partners, sized by the ratio of the clipped (≥ 20 px)
    /// 10–90 % quantile spreads, then normalised to <paramref name="forced2"/>. Weight of match i = exp(−2‖d₁‖²)·exp(−2‖d₂‖²)
    /// with d = (centre − point)/(width, height) in each image, for matches inside the image-1 window, else 0.
    /// </summary>
    public static List<ScoredPair> Score(IReadOnlyList<CropWindow> windows1, double[] x1, double[] y1, double[] x2, double[] y2,
        int width2, int height2, (int Width, int Height) forced2)
    {
        var result = new List<ScoredPair>();
        foreach (var w1 in windows1)
        {
            var inside = new List<int>();
            for (int i = 0; i < x1.Length; i++)
                if (w1.Contains(x1[i], y1[i])) inside.Add(i);
            if (inside.Count < MinMatches) continue;
            double cx = inside.Average(i => x2[i]), cy = inside.Average(i => y2[i]);
            double sx = w1.Width * Spread(inside, x2) / Spread(inside, x1);
            double sy = w1.Height * Spread(inside, y2) / Spread(inside, y1);
            var w2 = Normalise(cx - sx / 2, cy - sy / 2, cx + sx / 2, cy + sy / 2, width2, height2, forced2);
            var weights = new double[x1.Length];
            foreach (int i in inside) weights[i] = Gaussian(w1, x1[i], y1[i]) * Gaussian(w2, x2[i], y2[i]);
            result.Add(new ScoredPair(w1, w2, weights));
        }
        return result;
    }

    private static double Gaussian(CropWindow w, double x, double y)
    {
        double dx = (w.CentreX - x) / w.Width, dy = (w.CentreY - y) / w.Height;
        return Math.Exp(-2 * (dx * dx + dy * dy));
    }

    // q90 − q10 of the selected values, clipped below at 20 px.
    private static double Spread(List<int> rows, double[] values)
    {
        var sorted = rows.Select(i => values[i]).Order().ToArray();
        return Math.Max(Quantile(sorted, 0.9) - Quantile(sorted, 0.1), 20.0);
    }

    // NumPy's default (linear) quantile of sorted values.
    private static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// Subtractive greedy cover (official <c>greedy_selection</c>): target = <paramref name="coverage"/>·Σ_i max_p w_pi;
    /// repeatedly pick the row with the largest sum (first on ties), add it to the running cover and subtract it from
    /// every row (clipped at 0), until the cover's sum reaches the target. Returns the picked rows in order.
    /// </summary>
    public static List<int> GreedySelection(IReadOnlyList<double[]> weights, double coverage = 0.9)
    {
        if (coverage <= 0 || coverage > 1) throw new ArgumentOutOfRangeException(nameof(coverage), coverage, "coverage must be in (0, 1]");
        var picked = new List<int>();
        if (weights.Count == 0) return picked;
        int n = weights[0].Length;
        var rows = weights.Select(w => (double[])w.Clone()).ToArray();
        double total = 0;
        for (int i = 0; i < n; i++) total += rows.Max(r => r[i]);
        double target = coverage * total, covered = 0;
        while (covered < target)
        {
            int best = 0;
            double bestSum = double.NegativeInfinity;
            for (int p = 0; p < rows.Length; p++)
            {
                double s = rows[p].Sum();
                if (s > bestSum) (best, bestSum) = (p, s);
            }
            // Mathematically the cover reaches the target before every row is exhausted; stop on rounding leftovers.
            if (bestSum <= 0) break;
            picked.Add(best);
            var chosen = (double[])rows[best].Clone();
            covered += chosen.Sum();
            foreach (var r in rows)
                for (int i = 0; i < n; i++) r[i] = Math.Max(r[i] - chosen[i], 0);
        }
        return picked;
    }

    /// <summary>
    /// The window pairs to run the network on (official <c>select_pairs_of_crops</c>): grids of both images forced to
    /// their network resolutions, scored image 1 → image 2 then image 2 → image 1, greedy cover to 90 %. Pairs are
    /// (window in image 1, window in image 2) in pick order; empty when no window holds ≥ 10 matches.
    /// </summary>
    /// <remarks><paramref name="matches"/>: coarse matches, A = image 1, B = image 2, in the pixels of the images being cropped.</remarks>
    public static List<(CropWindow Window1, CropWindow Window2)> SelectPairs(MatchPoints matches, (int Width, int Height) size1,
        (int Width, int Height) size2, int maxdim, double overlap = 0.5, double coverage = 0.9)
    {
        var forced1 = LoadGeometry.AspectResolution(size1.Width, size1.Height, maxdim);
        var forced2 = LoadGeometry.AspectResolution(size2.Width, size2.Height, maxdim);
        var grid1 = Grid(size1.Width, size1.Height, maxdim, overlap)
            .Select(w => Normalise(w.Left, w.Top, w.Right, w.Bottom, size1.Width, size1.Height, forced1)).ToList();
        var grid2 = Grid(size2.Width, size2.Height, maxdim, overlap)
            .Select(w => Normalise(w.Left, w.Top, w.Right, w.Bottom, size2.Width, size2.Height, forced2)).ToList();
        var forward = Score(grid1, matches.XA, matches.YA, matches.XB, matches.YB, size2.Width, size2.Height, forced2);
        var backward = Score(grid2, matches.XB, matches.YB, matches.XA, matches.YA, size1.Width, size1.Height, forced1)
            .Select(p => p with { Window1 = p.Window2, Window2 = p.Window1 });
        var candidates = forward.Concat(backward).ToList();
        return GreedySelection(candidates.Select(c => c.Weights).ToList(), coverage)
            .Select(i => (candidates[i].Window1, candidates[i].Window2)).ToList();
    }

    /// <summary>Whether an image can be tiled at <paramref name="maxdim"/>: it holds its grid window and its network resolution.</summary>
    public static bool CanTile(int width, int height, int maxdim)
    {
        var forced = LoadGeometry.AspectResolution(width, height, maxdim);
        return Math.Max(width, height) >= maxdim && forced.Width <= width && forced.Height <= height;
    }
}
