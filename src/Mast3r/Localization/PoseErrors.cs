using Mast3r.Geometry;

namespace Mast3r.Localization;

/// <summary>Pose errors of the localization benchmarks (protocols.md §1.4), in double precision.</summary>
internal static class PoseErrors
{
    /// <summary>Camera-centre distance (m) and rotation angle of R_gtᵀ·R_est (degrees); (∞, ∞) for a failure.</summary>
    public static (double Translation, double RotationDeg) Compute(Pose? estimate, Pose groundTruth)
    {
        if (estimate is null) return (double.PositiveInfinity, double.PositiveInfinity);
        var ce = estimate.CameraCenter();
        var cg = groundTruth.CameraCenter();
        double dt = Math.Sqrt(Math.Pow(ce[0] - cg[0], 2) + Math.Pow(ce[1] - cg[1], 2) + Math.Pow(ce[2] - cg[2], 2));
        return (dt, RotationAngleDeg(groundTruth.Rotation, estimate.Rotation));
    }

    /// <summary>θ = arccos(clamp((trace(AᵀB) − 1)/2)) in degrees.</summary>
    public static double RotationAngleDeg(double[,] a, double[,] b)
    {
        double trace = 0;
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 3; k++)
                trace += a[k, i] * b[k, i];
        return Math.Acos(Math.Clamp((trace - 1) / 2, -1, 1)) * 180 / Math.PI;
    }

    /// <summary>numpy-style median (∞ entries sort last; the middle of an even count is averaged).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var s = values.OrderBy(v => v).ToArray();
        int m = s.Length / 2;
        return s.Length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
