using Mast3r.Metrics.Dtu;

namespace Mast3r.Tests.Metrics.Dtu;

/// <summary>The synthetic scene of protocols.md §4.6: a 0.5 mm grid on z = 0, a box ±10 mm around it, Res 1 mm.</summary>
internal static class DtuSynthetic
{
    public const double Spacing = 0.5, Delta = 0.3;

    /// <summary>Grid points (x, y, z) for x, y ∈ [0, size] in 0.5 mm steps.</summary>
    public static double[] Grid(double size, double z = 0)
    {
        int n = (int)Math.Round(size / Spacing) + 1;
        var p = new double[n * n * 3];
        int o = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) { p[o++] = i * Spacing; p[o++] = j * Spacing; p[o++] = z; }
        return p;
    }

    /// <summary>An all-true mask over [−10, size + 10]² × [−10, 10], Res 1; <paramref name="observed"/> filters voxels by centre x.</summary>
    public static DtuObservationMask Mask(double size, Func<double, bool>? observed = null)
    {
        int nx = (int)size + 21, nz = 21;
        var voxels = new byte[nx * nx * nz];
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < nx; j++)
                for (int i = 0; i < nx; i++)
                    voxels[i + nx * (j + nx * k)] = (byte)(observed == null || observed(-10 + i) ? 1 : 0);
        return new DtuObservationMask(voxels, [nx, nx, nz], [-10, -10, -10], [size + 10, size + 10, 10], 1);
    }

    public static readonly double[] PlaneAll = [0, 0, 1, 1];

    public static double[] Concat(params double[][] parts) => parts.SelectMany(p => p).ToArray();

    public static double[] Where(double[] xyz, Func<double, double, double, bool> keep)
    {
        var r = new List<double>();
        for (int i = 0; i < xyz.Length; i += 3)
            if (keep(xyz[i], xyz[i + 1], xyz[i + 2])) r.AddRange([xyz[i], xyz[i + 1], xyz[i + 2]]);
        return r.ToArray();
    }

    /// <summary>Brute-force O(N·M) nearest-neighbour distance, the reference for the k-d tree.</summary>
    public static double BruteNearest(double[] to, double x, double y, double z)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < to.Length; i += 3)
        {
            double dx = to[i] - x, dy = to[i + 1] - y, dz = to[i + 2] - z;
            best = Math.Min(best, dx * dx + dy * dy + dz * dz);
        }
        return Math.Sqrt(best);
    }

    public static double BruteCappedMean(double[] from, double[] to, double cap = 20)
    {
        var d = new List<double>();
        for (int i = 0; i < from.Length; i += 3)
        {
            double v = BruteNearest(to, from[i], from[i + 1], from[i + 2]);
            if (v < cap) d.Add(v);
        }
        return d.Count == 0 ? double.NaN : d.Average();
    }
}
