namespace Mast3r.Geometry;

/// <summary>A double-precision 3-vector for the PnP solvers' arithmetic (System.Numerics is float32).</summary>
internal readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);

    public double Dot(Vec3 o) => X * o.X + Y * o.Y + Z * o.Z;

    public Vec3 Cross(Vec3 o) => new(Y * o.Z - Z * o.Y, Z * o.X - X * o.Z, X * o.Y - Y * o.X);

    public double SquaredNorm => X * X + Y * Y + Z * Z;

    public Vec3 Normalized()
    {
        double n = Math.Sqrt(SquaredNorm);
        return new Vec3(X / n, Y / n, Z / n);
    }
}
