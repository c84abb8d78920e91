using Mast3r.Geometry;

namespace Mast3r.Datasets.Synthetic;

/// <summary>
/// A procedurally textured indoor scene with exact geometry: the inside of an axis-aligned room plus solid
/// box pillars, ray-cast analytically. Every image of the synthetic layouts is rendered from it, and the
/// ground-truth oracle predictor derives its pointmaps and descriptors from it, so poses, intrinsics and depth
/// are exact by construction.
/// </summary>
internal sealed class SyntheticScene
{
    /// <summary>Room half extents (metres): x ∈ [−Hx, Hx], y ∈ [−Hy, Hy], z ∈ [−Hz, Hz].</summary>
    public double[] RoomHalfExtent { get; } = { 5, 2, 5 };

    /// <summary>Solid boxes (min corner, max corner) standing in the room; they break planarity.</summary>
    public IReadOnlyList<(double[] Min, double[] Max)> Boxes { get; } = new[]
    {
        (new[] { -2.5, -2.0, -1.0 }, new[] { -1.5, 1.0, 0.0 }),
        (new[] { 1.0, -2.0, 1.5 }, new[] { 2.2, 0.2, 2.5 }),
        (new[] { 0.5, -2.0, -3.0 }, new[] { 1.3, 1.5, -2.2 }),
    };

    /// <summary>Scale (m) of the four octaves of the descriptor encoding; the coarsest period (16 m) exceeds the room.</summary>
    internal static readonly double[] DescriptorScales = { 8, 2, 0.5, 0.125 };

    /// <summary>Descriptor dimension (3 axes × 4 octaves × sin/cos), equal to the released model's 24.</summary>
    public const int DescriptorDim = 24;

    /// <summary>Distance along a world ray to the first surface, or +∞.</summary>
    public double Intersect(double[] origin, double[] dir)
    {
        double best = double.PositiveInfinity;
        // Inside the room: exit distance of the room box.
        for (int a = 0; a < 3; a++)
        {
            if (Math.Abs(dir[a]) < 1e-15) continue;
            double bound = dir[a] > 0 ? RoomHalfExtent[a] : -RoomHalfExtent[a];
            double t = (bound - origin[a]) / dir[a];
            if (t > 1e-9 && t < best) best = t;
        }
        foreach (var (min, max) in Boxes)
        {
            double tNear = double.NegativeInfinity, tFar = double.PositiveInfinity;
            bool miss = false;
            for (int a = 0; a < 3 && !miss; a++)
            {
                if (Math.Abs(dir[a]) < 1e-15)
                {
                    if (origin[a] < min[a] || origin[a] > max[a]) miss = true;
                    continue;
                }
                double t1 = (min[a] - origin[a]) / dir[a], t2 = (max[a] - origin[a]) / dir[a];
                if (t1 > t2) (t1, t2) = (t2, t1);
                tNear = Math.Max(tNear, t1);
                tFar = Math.Min(tFar, t2);
                if (tNear > tFar) miss = true;
            }
            if (!miss && tNear > 1e-9 && tNear < best) best = tNear;
        }
        return best;
    }

    /// <summary>Procedural albedo (RGB bytes) of a surface point: multi-scale value noise, so matching has texture.</summary>
    public (byte R, byte G, byte B) Colour(double[] p)
    {
        double r = 0.5 + 0.25 * Math.Sin(3.1 * p[0] + 1.7 * p[1]) + 0.25 * ValueNoise(p, 7.0, 1);
        double g = 0.5 + 0.25 * Math.Sin(2.3 * p[2] - 1.1 * p[0]) + 0.25 * ValueNoise(p, 11.0, 2);
        double b = 0.5 + 0.25 * Math.Cos(1.9 * p[1] + 2.9 * p[2]) + 0.25 * ValueNoise(p, 17.0, 3);
        return (ToByte(r), ToByte(g), ToByte(b));
    }

    /// <summary>
    /// Unit-norm 24-d descriptor of a surface point: sin/cos of each coordinate at four octaves. The dot product of two
    /// descriptors is Σ cos(π·Δ/s)/12, maximal (= 1) only for the same point, so nearest-neighbour matching on these
    /// descriptors recovers exact correspondences.
    /// </summary>
    public static void Descriptor(double[] p, Span<float> output)
    {
        double norm = 1.0 / Math.Sqrt(3 * DescriptorScales.Length);
        int k = 0;
        for (int a = 0; a < 3; a++)
            foreach (double s in DescriptorScales)
            {
                output[k++] = (float)(Math.Sin(Math.PI * p[a] / s) * norm);
                output[k++] = (float)(Math.Cos(Math.PI * p[a] / s) * norm);
            }
    }

    /// <summary>A camera at <paramref name="centre"/> looking at <paramref name="target"/> (y down in the image, world +y up).</summary>
    public static Pose LookAt(double[] centre, double[] target)
    {
        var z = Normalise(Sub(target, centre));
        var up = new[] { 0.0, 1.0, 0.0 };
        var x = Normalise(Cross(z, up));
        if (double.IsNaN(x[0])) x = new[] { 1.0, 0, 0 };
        var y = Cross(z, x);
        var r = new double[3, 3];
        for (int j = 0; j < 3; j++) { r[0, j] = x[j]; r[1, j] = y[j]; r[2, j] = z[j]; }
        var t = new double[3];
        for (int i = 0; i < 3; i++) t[i] = -(r[i, 0] * centre[0] + r[i, 1] * centre[1] + r[i, 2] * centre[2]);
        return new Pose(r, t);
    }

    private static double ValueNoise(double[] p, double freq, int seed)
    {
        double x = p[0] * freq, y = p[1] * freq, z = p[2] * freq;
        int xi = (int)Math.Floor(x), yi = (int)Math.Floor(y), zi = (int)Math.Floor(z);
        double fx = Smooth(x - xi), fy = Smooth(y - yi), fz = Smooth(z - zi);
        double Lerp(double a, double b, double t) => a + (b - a) * t;
        double c(int dx, int dy, int dz) => Hash(xi + dx, yi + dy, zi + dz, seed);
        double x00 = Lerp(c(0, 0, 0), c(1, 0, 0), fx), x10 = Lerp(c(0, 1, 0), c(1, 1, 0), fx);
        double x01 = Lerp(c(0, 0, 1), c(1, 0, 1), fx), x11 = Lerp(c(0, 1, 1), c(1, 1, 1), fx);
        return Lerp(Lerp(x00, x10, fy), Lerp(x01, x11, fy), fz) * 2 - 1;
    }

    private static double Smooth(double t) => t * t * (3 - 2 * t);

    private static double Hash(int x, int y, int z, int seed)
    {
        unchecked
        {
            uint h = (uint)(x * 374761393 + y * 668265263 + z * 2147483647 + seed * 144665);
            h = (h ^ (h >> 13)) * 1274126177u;
            h ^= h >> 16;
            return (h & 0xFFFFFF) / (double)0xFFFFFF;
        }
    }

    private static byte ToByte(double v) => (byte)Math.Clamp((int)Math.Round(v * 255), 0, 255);
    internal static double[] Sub(double[] a, double[] b) => new[] { a[0] - b[0], a[1] - b[1], a[2] - b[2] };
    internal static double[] Cross(double[] a, double[] b) =>
        new[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
    internal static double[] Normalise(double[] a)
    {
        double n = Math.Sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        return new[] { a[0] / n, a[1] / n, a[2] / n };
    }
}
