using Mast3r.Geometry;

namespace Mast3r.Datasets.Synthetic;

/// <summary>Deterministic camera placements inside the <see cref="SyntheticScene"/> room.</summary>
internal static class SyntheticRig
{
    /// <summary>Landscape 192×144 camera, f = 150 px (≈ 65° horizontal field of view); multiples of 16, so the
    /// 512-long-side preprocessing at a matching size leaves it unchanged.</summary>
    public static CameraIntrinsics Landscape { get; } = new(192, 144, 150, 150, 95.5, 71.5);

    /// <summary>Portrait 192×256 camera, f = 200 px (map-free frames are portrait; two-view geometry needs the finer
    /// pixel grid to keep the rotation/translation ambiguity of narrow views well below a degree).</summary>
    public static CameraIntrinsics Portrait { get; } = new(192, 256, 200, 200, 95.5, 127.5);

    /// <summary>Database cameras: a ring of positions, two viewing directions each, looking across the room.</summary>
    public static List<SyntheticCamera> Database(int positions, CameraIntrinsics k)
    {
        var cams = new List<SyntheticCamera>();
        for (int i = 0; i < positions; i++)
        {
            double a = 2 * Math.PI * i / positions;
            var c = new[] { 4.0 * Math.Cos(a), 0.3 * Math.Sin(3 * a), 4.0 * Math.Sin(a) };
            foreach (double yaw in new[] { -0.35, 0.35 })
                cams.Add(new SyntheticCamera(k, SyntheticScene.LookAt(c, Target(c, yaw))));
        }
        return cams;
    }

    /// <summary>Query cameras between the database positions, with seeded perturbations of position and direction.</summary>
    public static List<SyntheticCamera> Queries(int count, CameraIntrinsics k, int seed)
    {
        var rng = new Random(seed);
        var cams = new List<SyntheticCamera>();
        for (int i = 0; i < count; i++)
        {
            double a = 2 * Math.PI * (i + 0.37 + 0.2 * rng.NextDouble()) / count;
            double r = 3.6 + 0.5 * rng.NextDouble();
            var c = new[] { r * Math.Cos(a), -0.4 + 0.8 * rng.NextDouble(), r * Math.Sin(a) };
            cams.Add(new SyntheticCamera(k, SyntheticScene.LookAt(c, Target(c, -0.3 + 0.6 * rng.NextDouble()))));
        }
        return cams;
    }

    /// <summary>A short trajectory starting at <paramref name="start"/>: sideways translations (≤ 1.5 m) and small rotations.</summary>
    public static List<SyntheticCamera> Trajectory(double[] start, double yaw0, int count, CameraIntrinsics k, int seed)
    {
        var rng = new Random(seed);
        var cams = new List<SyntheticCamera>();
        for (int i = 0; i < count; i++)
        {
            double s = (double)i / Math.Max(1, count - 1);
            // Frames after the first move 0.5-1.5 m sideways: enough parallax for a well-conditioned essential matrix.
            double d = i == 0 ? 0 : 0.5 + s;
            var c = new[] { start[0] + d * Math.Cos(yaw0 + 1.2), start[1] + 0.1 * rng.NextDouble(), start[2] + d * Math.Sin(yaw0 + 1.2) };
            cams.Add(new SyntheticCamera(k, SyntheticScene.LookAt(c, Target(c, -0.25 + 0.5 * s))));
        }
        return cams;
    }

    /// <summary>Retrieval stand-in: database cameras ranked by viewing-direction agreement and proximity.</summary>
    public static List<(int Index, double Score)> Rank(SyntheticCamera query, IReadOnlyList<SyntheticCamera> database)
    {
        var qc = query.WorldToCamera.CameraCenter();
        var qd = ViewDirection(query.WorldToCamera);
        return database.Select((d, i) =>
        {
            var dc = d.WorldToCamera.CameraCenter();
            var dd = ViewDirection(d.WorldToCamera);
            double dist = Math.Sqrt(Math.Pow(qc[0] - dc[0], 2) + Math.Pow(qc[1] - dc[1], 2) + Math.Pow(qc[2] - dc[2], 2));
            return (i, Score: qd[0] * dd[0] + qd[1] * dd[1] + qd[2] * dd[2] - 0.15 * dist);
        }).OrderByDescending(p => p.Score).ToList();
    }

    private static double[] ViewDirection(Pose p) => new[] { p.Rotation[2, 0], p.Rotation[2, 1], p.Rotation[2, 2] };

    // Look roughly through the room centre, turned by `yaw` radians about the vertical axis.
    private static double[] Target(double[] c, double yaw)
    {
        double dx = -c[0], dz = -c[2];
        double cs = Math.Cos(yaw), sn = Math.Sin(yaw);
        return new[] { c[0] + cs * dx - sn * dz, 0.0, c[2] + sn * dx + cs * dz };
    }
}
