using Mast3r.Geometry;
using OpenCvSharp;

namespace Mast3r.Tests.Geometry;

/// <summary>Deterministic synthetic cameras and points for solver tests.</summary>
internal static class SyntheticScene
{
    public static double[] RandomUnitVector(Random rng)
    {
        while (true)
        {
            double[] v = [rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1];
            double n = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            if (n > 0.1 && n <= 1) return [v[0] / n, v[1] / n, v[2] / n];
        }
    }

    public static double[,] RandomRotation(Random rng, double maxAngleDeg = 180) =>
        Rotation3.FromAxisAngle(RandomUnitVector(rng), Rotation3.DegToRad(rng.NextDouble() * maxAngleDeg));

    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>A random world→camera pose whose centre lies at <paramref name="centre"/>.</summary>
    public static Pose RandomPoseAt(Random rng, double[] centre)
    {
        var r = RandomRotation(rng);
        var rc = Rotation3.Apply(r, centre);
        return new Pose(r, [-rc[0], -rc[1], -rc[2]]);
    }

    /// <summary>A world point whose camera coordinates project inside the image at a depth in [zMin, zMax].</summary>
    public static Point3d PointInView(Random rng, Pose pose, PinholeCamera k, int width, int height, double zMin, double zMax)
    {
        double u = rng.NextDouble() * (width - 1), v = rng.NextDouble() * (height - 1), z = zMin + rng.NextDouble() * (zMax - zMin);
        double[] cam = [(u - k.Cx) / k.Fx * z, (v - k.Cy) / k.Fy * z, z];
        var w = pose.Inverse().Apply(cam);
        return new Point3d(w[0], w[1], w[2]);
    }

    public static Point2d Project(Pose pose, PinholeCamera k, Point3d p) => k.Project(pose.Apply([p.X, p.Y, p.Z]));

    public static double CentreDistance(Pose a, Pose b)
    {
        var ca = a.CameraCenter();
        var cb = b.CameraCenter();
        return Math.Sqrt((ca[0] - cb[0]) * (ca[0] - cb[0]) + (ca[1] - cb[1]) * (ca[1] - cb[1]) + (ca[2] - cb[2]) * (ca[2] - cb[2]));
    }

    public static double RotationErrorDeg(Pose a, Pose b) => Rotation3.RadToDeg(Rotation3.AngleBetween(a.Rotation, b.Rotation));

    public static double Distance(Point2d a, Point2d b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
