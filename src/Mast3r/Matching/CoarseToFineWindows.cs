namespace Mast3r.Matching;

/// <summary>
/// Window geometry of the visloc coarse-to-fine scheme (naver/mast3r <c>visloc.py</c> coarse-to-fine helpers,
/// architecture-spec.md §6.3 steps 2–4): overlapping tiles, partner windows from coarse matches, greedy cover.
/// The spec gives these steps only in outline; the exact formulas below are our reading and are not checked against
/// official outputs (no fixture exists): the Gaussian weight (σ = half the window, distance to the window centre),
/// the quantile-spread scale ratio, and rounding/clamping of windows.
/// </summary>
internal static class CoarseToFineWindows
{
    /// <summary>The network input size for an aspect ratio: long side <paramref name="longSide"/>, 4:3, multiples of 16.</summary>
    public static (int Width, int Height) NetworkSize(int width, int height, int longSide = 512)
    {
        int shortSide = longSide * 3 / 4 / 16 * 16;
        return width >= height ? (longSide, shortSide) : (shortSide, longSide);
    }

    /// <summary>Windows of the network size covering the image with 50 % overlap; the last row/column touches the border.</summary>
    public static IReadOnlyList<CropWindow> Tile(int imageWidth, int imageHeight, int windowWidth, int windowHeight, double overlap = 0.5)
    {
        int w = Math.Min(windowWidth, imageWidth), h = Math.Min(windowHeight, imageHeight);
        var xs = Starts(imageWidth, w, overlap);
        var ys = Starts(imageHeight, h, overlap);
        return ys.SelectMany(y => xs.Select(x => new CropWindow(x, y, w, h))).ToList();
    }

    private static int[] Starts(int size, int window, double overlap)
    {
        int stride = Math.Max(1, (int)Math.Round(window * (1 - overlap)));
        var starts = new SortedSet<int>();
        for (int s = 0; s + window <= size; s += stride) starts.Add(s);
        starts.Add(size - window);
        return starts.ToArray();
    }

    /// <summary>
    /// The partner of <paramref name="window"/> (in image A) in image B: centred on the median of the partners of the
    /// matches inside it, scaled by the ratio of the 10–90 % quantile spreads (B over A, the larger axis ratio),
    /// then given the network aspect ratio of its own shape. Null when fewer than <paramref name="minMatches"/> fall inside.
    /// </summary>
    public static CropWindow? Partner(CropWindow window, MatchPoints matches, int imageWidthB, int imageHeightB, int longSide = 512, int minMatches = 5)
    {
        var inside = Enumerable.Range(0, matches.Count).Where(i => window.Contains(matches.XA[i], matches.YA[i])).ToArray();
        if (inside.Length < minMatches) return null;
        double cx = Median(inside.Select(i => matches.XB[i]));
        double cy = Median(inside.Select(i => matches.YB[i]));
        double scaleX = Ratio(Spread(inside.Select(i => matches.XB[i])), Spread(inside.Select(i => matches.XA[i])));
        double scaleY = Ratio(Spread(inside.Select(i => matches.YB[i])), Spread(inside.Select(i => matches.YA[i])));
        double scale = Math.Max(scaleX, scaleY);
        int w = (int)Math.Round(window.Width * scale), h = (int)Math.Round(window.Height * scale);
        var (netW, netH) = NetworkSize(w, h, longSide);
        // Keep the scaled area's long side, force the network aspect ratio.
        double factor = Math.Max(w, h) / (double)Math.Max(netW, netH);
        return CropWindow.Centred(cx, cy, (int)Math.Round(netW * factor), (int)Math.Round(netH * factor), imageWidthB, imageHeightB);
    }

    /// <summary>
    /// Greedy weighted set cover: correspondence i has weight g_ip = exp(−½·(d/σ)²) in candidate pair p when both of
    /// its points lie in p's windows (d = distance of its A point to the A window centre, σ = half the A window's
    /// long side), else 0. Pairs are added by largest gain in Σ_i max_p g_ip until that sum reaches
    /// <paramref name="coverage"/> of its value over all candidates.
    /// </summary>
    public static IReadOnlyList<int> GreedyCover(IReadOnlyList<(CropWindow A, CropWindow B)> candidates, MatchPoints matches, double coverage = 0.9)
    {
        var weights = candidates.Select(p => Weights(p, matches)).ToArray();
        var best = new double[matches.Count];
        for (int i = 0; i < matches.Count; i++)
            best[i] = weights.Length == 0 ? 0 : weights.Max(w => w[i]);
        double target = coverage * best.Sum();
        var covered = new double[matches.Count];
        var chosen = new List<int>();
        double total = 0;
        while (total < target && chosen.Count < candidates.Count)
        {
            int pick = -1;
            double pickGain = 0;
            for (int p = 0; p < weights.Length; p++)
            {
                if (chosen.Contains(p)) continue;
                double gain = 0;
                for (int i = 0; i < covered.Length; i++) gain += Math.Max(0, weights[p][i] - covered[i]);
                if (gain > pickGain) (pick, pickGain) = (p, gain);
            }
            if (pick < 0) break;
            chosen.Add(pick);
            for (int i = 0; i < covered.Length; i++) covered[i] = Math.Max(covered[i], weights[pick][i]);
            total = covered.Sum();
        }
        return chosen;
    }

    private static double[] Weights((CropWindow A, CropWindow B) pair, MatchPoints m)
    {
        double sigma = Math.Max(pair.A.Width, pair.A.Height) / 2.0;
        var w = new double[m.Count];
        for (int i = 0; i < m.Count; i++)
        {
            if (!pair.A.Contains(m.XA[i], m.YA[i]) || !pair.B.Contains(m.XB[i], m.YB[i])) continue;
            double dx = m.XA[i] - pair.A.CentreX, dy = m.YA[i] - pair.A.CentreY;
            w[i] = Math.Exp(-0.5 * (dx * dx + dy * dy) / (sigma * sigma));
        }
        return w;
    }

    private static double Ratio(double numerator, double denominator) => denominator > 0 && numerator > 0 ? numerator / denominator : 1.0;

    private static double Spread(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Quantile(sorted, 0.9) - Quantile(sorted, 0.1);
    }

    private static double Median(IEnumerable<double> values) => Quantile(values.Order().ToArray(), 0.5);

    // Linear interpolation between order statistics (NumPy's default quantile method).
    private static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
