using Mast3r.Geometry;
using Mast3r.Metrics.MapFree;

namespace Mast3r.Tests.Metrics.MapFree;

/// <summary>Builders for synthetic map-free scenes: poses from rotations and camera centres, the §2.8 camera.</summary>
internal static class MapFreeTestScenes
{
    public static readonly MapFreeIntrinsics K = new(500, 500, 270, 360);
    public const double Width = 540, Height = 720;

    /// <summary>World→camera pose line of a camera with rotation R (world→camera) and centre c.</summary>
    public static MapFreePose FromRotationAndCentre(double[,] r, double[] c, double confidence = 0)
    {
        var t = new double[3];
        for (int i = 0; i < 3; i++) t[i] = -(r[i, 0] * c[0] + r[i, 1] * c[1] + r[i, 2] * c[2]);
        var q = new Pose(r, t).ToQuaternion();
        return new MapFreePose(q.W, q.X, q.Y, q.Z, t[0], t[1], t[2], confidence);
    }

    public static double[,] AxisAngle(double[] axis, double angleRad)
    {
        double n = Math.Sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double x = axis[0] / n, y = axis[1] / n, z = axis[2] / n;
        double s = Math.Sin(angleRad / 2);
        return Pose.FromQuaternion(Math.Cos(angleRad / 2), x * s, y * s, z * s, 0, 0, 0).Rotation;
    }

    public static double[,] Multiply(double[,] a, double[,] b)
    {
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++)
                    r[i, j] += a[i, k] * b[k, j];
        return r;
    }

    public static double[,] RandomRotation(Random rng) =>
        AxisAngle([rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5], rng.NextDouble() * Math.PI);

    public static double[] RandomVector(Random rng, double scale) =>
        [(rng.NextDouble() - 0.5) * scale, (rng.NextDouble() - 0.5) * scale, (rng.NextDouble() - 0.5) * scale];

    /// <summary>A scene whose GT has the given poses under keys 0, 1, 2 … (all frames share the §2.8 intrinsics).</summary>
    public static MapFreeGroundTruth Scene(string name, IReadOnlyList<MapFreePose> gt)
    {
        var poses = new OrderedDictionary<int, MapFreePose>();
        var k = new Dictionary<int, MapFreeIntrinsics>();
        for (int i = 0; i < gt.Count; i++) { poses[i] = gt[i]; k[i] = K; }
        return new MapFreeGroundTruth(name, k, Width, Height, poses);
    }
}
