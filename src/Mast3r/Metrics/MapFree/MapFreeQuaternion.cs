namespace Mast3r.Metrics.MapFree;

/// <summary>
/// (w, x, y, z) quaternion arithmetic in double, reproducing the transforms3d operations the map-free benchmark
/// calls (qmult, qinverse, qconjugate, rotate_vector, quat2mat) — including their behaviour on non-unit input.
/// </summary>
internal static class MapFreeQuaternion
{
    public static double[] Multiply(double[] a, double[] b) =>
    [
        a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3],
        a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2],
        a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1],
        a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0],
    ];

    public static double NormSquared(double[] q) => q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3];

    public static double[] Conjugate(double[] q) => [q[0], -q[1], -q[2], -q[3]];

    /// <summary>
    /// conj(q)/|q| — transforms3d's qinverse divides by the norm, not its square, so the result is always a unit
    /// quaternion (the true inverse only for unit input).
    /// </summary>
    public static double[] Inverse(double[] q)
    {
        double n = Math.Sqrt(NormSquared(q));
        return [q[0] / n, -q[1] / n, -q[2] / n, -q[3] / n];
    }

    public static double[] Normalize(double[] q)
    {
        double n = Math.Sqrt(NormSquared(q));
        return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
    }

    /// <summary>vec(q ⊗ (0, v) ⊗ conj(q)) without normalising q, like rotate_vector (is_normalized=True).</summary>
    public static double[] Rotate(double[] v, double[] q)
    {
        var r = Multiply(q, Multiply([0, v[0], v[1], v[2]], Conjugate(q)));
        return [r[1], r[2], r[3]];
    }

    /// <summary>Row-major rotation matrix of q/|q| (quat2mat normalises); identity for a vanishing norm.</summary>
    public static double[,] ToMatrix(double[] q)
    {
        double n2 = NormSquared(q);
        if (n2 < 2.220446049250313e-16) return new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        double s = 2.0 / n2;
        double w = q[0], x = q[1], y = q[2], z = q[3];
        double xs = x * s, ys = y * s, zs = z * s;
        double wx = w * xs, wy = w * ys, wz = w * zs;
        double xx = x * xs, xy = x * ys, xz = x * zs;
        double yy = y * ys, yz = y * zs, zz = z * zs;
        return new double[,]
        {
            { 1.0 - (yy + zz), xy - wz, xz + wy },
            { xy + wz, 1.0 - (xx + zz), yz - wx },
            { xz - wy, yz + wx, 1.0 - (xx + yy) },
        };
    }

    /// <summary>
    /// World→camera (q, t) to camera→world (q⁻¹, −rotate(t, q⁻¹)), as the benchmark's pose loader does. Because
    /// q⁻¹ = conj(q)/|q| is unit, a non-unit submitted quaternion acts as its normalisation (centre −R(q̂)ᵀ·t).
    /// </summary>
    public static (double[] Q, double[] T) WorldToCameraToCameraToWorld(double[] q, double[] t)
    {
        var qi = Inverse(q);
        var r = Rotate(t, qi);
        return (qi, [-r[0], -r[1], -r[2]]);
    }
}
