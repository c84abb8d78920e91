namespace Mast3r.Geometry;

/// <summary>
/// Row-major 3×3 rotation helpers in double precision (System.Numerics is float32, too coarse for metrics).
/// </summary>
internal static class Rotation3
{
    public static double[,] Identity() => new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };

    public static double[,] Multiply(double[,] a, double[,] b)
    {
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
        return r;
    }

    public static double[,] Transpose(double[,] a)
    {
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[i, j] = a[j, i];
        return r;
    }

    public static double[] Apply(double[,] r, double[] v) =>
    [
        r[0, 0] * v[0] + r[0, 1] * v[1] + r[0, 2] * v[2],
        r[1, 0] * v[0] + r[1, 1] * v[1] + r[1, 2] * v[2],
        r[2, 0] * v[0] + r[2, 1] * v[1] + r[2, 2] * v[2],
    ];

    public static double Determinant(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
        - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
        + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);

    /// <summary>Rodrigues' formula; <paramref name="axis"/> need not be normalised.</summary>
    public static double[,] FromAxisAngle(double[] axis, double angleRad)
    {
        double n = Math.Sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        if (!(n > 0) || !double.IsFinite(n)) throw new ArgumentException("rotation axis must be a finite non-zero vector", nameof(axis));
        double x = axis[0] / n, y = axis[1] / n, z = axis[2] / n;
        double c = Math.Cos(angleRad), s = Math.Sin(angleRad), v = 1 - c;
        return new double[,]
        {
            { c + x * x * v, x * y * v - z * s, x * z * v + y * s },
            { y * x * v + z * s, c + y * y * v, y * z * v - x * s },
            { z * x * v - y * s, z * y * v + x * s, c + z * z * v },
        };
    }

    /// <summary>Rotation vector (axis·angle, radians) to matrix, as OpenCV's Rodrigues.</summary>
    public static double[,] FromRotationVector(double[] rvec)
    {
        double angle = Math.Sqrt(rvec[0] * rvec[0] + rvec[1] * rvec[1] + rvec[2] * rvec[2]);
        return angle == 0 ? Identity() : FromAxisAngle(rvec, angle);
    }

    /// <summary>Rotation angle of <paramref name="r"/> in radians, via atan2(sin, cos): exact near 0 and π, unlike acos.</summary>
    public static double AngleOf(double[,] r)
    {
        double cos = (r[0, 0] + r[1, 1] + r[2, 2] - 1) / 2;
        double sx = r[2, 1] - r[1, 2], sy = r[0, 2] - r[2, 0], sz = r[1, 0] - r[0, 1];
        double sin = Math.Sqrt(sx * sx + sy * sy + sz * sz) / 2;
        return Math.Atan2(sin, cos);
    }

    /// <summary>Geodesic distance between two rotations (angle of aᵀ·b), radians.</summary>
    public static double AngleBetween(double[,] a, double[,] b) => AngleOf(Multiply(Transpose(a), b));

    public static double RadToDeg(double rad) => rad * (180.0 / Math.PI);
    public static double DegToRad(double deg) => deg * (Math.PI / 180.0);
}
