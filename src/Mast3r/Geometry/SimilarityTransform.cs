using OpenCvSharp;

namespace Mast3r.Geometry;

/// <summary>y = s·R·x + t.</summary>
internal sealed record SimilarityTransform(double Scale, double[,] Rotation, double[] Translation)
{
    public Point3d Apply(Point3d p)
    {
        var r = Rotation3.Apply(Rotation, [p.X, p.Y, p.Z]);
        return new Point3d(Scale * r[0] + Translation[0], Scale * r[1] + Translation[1], Scale * r[2] + Translation[2]);
    }
}
