using Mast3r.Geometry;

namespace Mast3r.Metrics.Dtu;

/// <summary>
/// DTU MVS accuracy / completeness / overall of a predicted point cloud against the structured-light reference
/// (the official MATLAB protocol PointCompareMain.m + ComputeStat_web.m, as re-implemented by DTUeval-python
/// eval.py in point-cloud mode).
/// </summary>
/// <remarks>
/// Distances are exact nearest neighbours (k-d tree). The MATLAB code computes them per 60 mm cell with a 60 mm
/// margin — exact below the 20 mm cap for every source point inside the cell tiling of the box, and the 60 mm
/// placeholder outside it; <see cref="DtuProtocol.Matlab"/> reproduces that by dropping sources outside the tiling.
/// </remarks>
public static class DtuEvaluation
{
    /// <summary>Evaluates one scan. Point arrays are flat x0, y0, z0, x1, … in millimetres.</summary>
    /// <param name="predicted">The reconstruction.</param>
    /// <param name="reference">The STL reference points (already at 0.2 mm spacing; not thinned again).</param>
    /// <param name="mask">The observation mask of the scan.</param>
    /// <param name="plane">The ground plane P (4 values); a reference point X counts iff Pᵀ[X; 1] &gt; 0.</param>
    /// <param name="options">Protocol constants; null for the official ones.</param>
    public static DtuResult Evaluate(double[] predicted, double[] reference, DtuObservationMask mask, double[] plane, DtuOptions? options = null)
    {
        options ??= new DtuOptions();
        if (plane.Length != 4) throw new ArgumentException($"plane must have 4 coefficients, got {plane.Length}");
        if (predicted.Length % 3 != 0 || reference.Length % 3 != 0) throw new ArgumentException("point arrays must have 3 values per point");

        var reduced = Reduce(predicted, options.ReductionRadius, new Random(options.Seed));
        var inBox = InsideExtendedBox(reduced, mask, options);
        var inMask = Filter(inBox, p => mask.Contains(p[0], p[1], p[2], options.Protocol));
        var above = Filter(reference, p => ((plane[0] * p[0] + plane[1] * p[1]) + plane[2] * p[2]) + plane[3] > 0);
        var accuracySources = options.Protocol == DtuProtocol.Matlab ? InsideCellTiling(inMask, mask, options.Patch) : inMask;
        var completenessSources = options.Protocol == DtuProtocol.Matlab ? InsideCellTiling(above, mask, options.Patch) : above;

        double accuracy = CappedMeanDistance(accuracySources, new KdTree3(reference), options.MaxDistance);
        double completeness = CappedMeanDistance(completenessSources, new KdTree3(inBox), options.MaxDistance);
        return new DtuResult(accuracy, completeness, (accuracy + completeness) / 2, predicted.Length / 3, reduced.Length / 3,
            inMask.Length / 3, above.Length / 3);
    }

    /// <summary>
    /// The 0.2 mm thinning (reducePts_haa / downsample_density): visit the points in a random order; each point
    /// still kept removes every other point within the radius (inclusive). Returns the kept points in visiting order.
    /// </summary>
    internal static double[] Reduce(double[] xyz, double radius, Random rng)
    {
        int n = xyz.Length / 3;
        var order = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(order);
        var shuffled = new double[xyz.Length];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < 3; c++) shuffled[3 * i + c] = xyz[3 * order[i] + c];
        var tree = new KdTree3(shuffled);
        var kept = new bool[n];
        Array.Fill(kept, true);
        var neighbours = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (!kept[i]) continue;
            tree.WithinRadius(shuffled[3 * i], shuffled[3 * i + 1], shuffled[3 * i + 2], radius, neighbours);
            foreach (int j in neighbours)
                if (j != i) kept[j] = false;
        }
        return Filter(shuffled, kept);
    }

    /// <summary>Predicted points with BB_min − patch ≤ p &lt; BB_max + 2·patch on every axis (DTUeval-python "inbound").</summary>
    internal static double[] InsideExtendedBox(double[] xyz, DtuObservationMask mask, DtuOptions options)
    {
        var (min, max) = mask.Box(options.Protocol);
        var lo = new double[3];
        var hi = new double[3];
        for (int c = 0; c < 3; c++)
        {
            // numpy evaluates BB ± patch in float32 once BB is float32; in double otherwise.
            bool f32 = options.Protocol == DtuProtocol.DtuEvalPython;
            lo[c] = f32 ? (float)min[c] - (float)options.Patch : min[c] - options.Patch;
            hi[c] = f32 ? (float)max[c] + (float)(options.Patch * 2) : max[c] + options.Patch * 2;
        }
        return Filter(xyz, p => p[0] >= lo[0] && p[0] < hi[0] && p[1] >= lo[1] && p[1] < hi[1] && p[2] >= lo[2] && p[2] < hi[2]);
    }

    /// <summary>
    /// Points inside the union of MaxDistCP's cells: BB_min + [0, floor((BB_max − BB_min)/cell) + 1)·cell on every
    /// axis, lower bound inclusive, upper exclusive.
    /// </summary>
    internal static double[] InsideCellTiling(double[] xyz, DtuObservationMask mask, double cell)
    {
        var hi = new double[3];
        for (int c = 0; c < 3; c++)
            hi[c] = mask.BoxMin[c] + (Math.Floor((mask.BoxMax[c] - mask.BoxMin[c]) / cell) + 1) * cell;
        var lo = mask.BoxMin;
        return Filter(xyz, p => p[0] >= lo[0] && p[0] < hi[0] && p[1] >= lo[1] && p[1] < hi[1] && p[2] >= lo[2] && p[2] < hi[2]);
    }

    /// <summary>Mean of the nearest-neighbour distances strictly below the cap (NaN if there are none).</summary>
    internal static double CappedMeanDistance(double[] from, KdTree3 to, double cap)
    {
        int n = from.Length / 3;
        var distances = new double[n];
        // Search bound a hair above cap² so that a distance rounding to just under the cap is not lost.
        double bound = cap * cap * (1 + 1e-12);
        Parallel.For(0, n, i => distances[i] = Math.Sqrt(to.NearestSquared(from[3 * i], from[3 * i + 1], from[3 * i + 2], bound)));
        double sum = 0;
        long count = 0;
        foreach (double d in distances)
            if (d < cap) { sum += d; count++; }
        return count == 0 ? double.NaN : sum / count;
    }

    private static double[] Filter(double[] xyz, Func<double[], bool> keep)
    {
        var flags = new bool[xyz.Length / 3];
        var p = new double[3];
        for (int i = 0; i < flags.Length; i++)
        {
            p[0] = xyz[3 * i]; p[1] = xyz[3 * i + 1]; p[2] = xyz[3 * i + 2];
            flags[i] = keep(p);
        }
        return Filter(xyz, flags);
    }

    private static double[] Filter(double[] xyz, bool[] keep)
    {
        var result = new double[keep.Count(k => k) * 3];
        int o = 0;
        for (int i = 0; i < keep.Length; i++)
        {
            if (!keep[i]) continue;
            result[o++] = xyz[3 * i]; result[o++] = xyz[3 * i + 1]; result[o++] = xyz[3 * i + 2];
        }
        return result;
    }
}
