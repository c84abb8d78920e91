using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>Input validation shared by the solvers: finite values and enough spread to define a solution.</summary>
internal static class PointSetChecks
{
    public static void RequireSameCount(int a, int b, string nameA, string nameB)
    {
        if (a != b) throw new ArgumentException($"{nameA} has {a} entries but {nameB} has {b}");
    }

    public static void RequireFinite(IReadOnlyList<Point3d> points, string name)
    {
        for (int i = 0; i < points.Count; i++)
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y) || !double.IsFinite(points[i].Z))
                throw new ArgumentException($"{name}[{i}] is not finite ({points[i].X}, {points[i].Y}, {points[i].Z})");
    }

    public static void RequireFinite(IReadOnlyList<Point2d> points, string name)
    {
        for (int i = 0; i < points.Count; i++)
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
                throw new ArgumentException($"{name}[{i}] is not finite ({points[i].X}, {points[i].Y})");
    }

    public static Point3d Centroid(IReadOnlyList<Point3d> p)
    {
        double x = 0, y = 0, z = 0;
        foreach (var q in p) { x += q.X; y += q.Y; z += q.Z; }
        return new Point3d(x / p.Count, y / p.Count, z / p.Count);
    }

    /// <summary>
    /// Standard deviations along the principal axes (descending), normalised by the largest: (1, 0, 0) for a
    /// line, (1, s, 0) for a plane; all zero when every point coincides. Rounding leaves ~1e-8 where an exact
    /// answer is 0 (square root of a rounding-level variance), so callers test against 1e-6.
    /// </summary>
    public static double[] SpreadSpectrum(IReadOnlyList<Point3d> p)
    {
        var c = Centroid(p);
        var cov = new double[3, 3];
        foreach (var q in p)
        {
            double[] d = [q.X - c.X, q.Y - c.Y, q.Z - c.Z];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    cov[i, j] += d[i] * d[j];
        }
        using var m = CvInterop.Matrix(cov);
        using var w = new Mat();
        using var u = new Mat();
        using var vt = new Mat();
        Cv2.SVDecomp(m, w, u, vt, SVD.Flags.NoUV);
        var s = CvInterop.ToVector(w).Select(v => Math.Sqrt(Math.Max(v, 0))).ToArray();
        double scale = Math.Max(Math.Abs(c.X), Math.Max(Math.Abs(c.Y), Math.Abs(c.Z))) + s[0];
        // Relative to the coordinates' magnitude: a spread at rounding level is no spread.
        if (s[0] <= 1e-12 * scale) return [0, 0, 0];
        return [1, s[1] / s[0], s[2] / s[0]];
    }

    public static double MaxDistanceFromCentroid(IReadOnlyList<Point2d> p)
    {
        double cx = p.Average(q => q.X), cy = p.Average(q => q.Y);
        return p.Max(q => Math.Sqrt((q.X - cx) * (q.X - cx) + (q.Y - cy) * (q.Y - cy)));
    }
}
