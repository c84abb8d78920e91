namespace Mast3r.Training.Data;

/// <summary>
/// Ray-cast textured scenes with exact depth, for tests and the tiny training preset: a ground plane, a back wall with
/// sky above it, and a sphere, seen by two cameras with a small baseline (the same layout as the loss fixtures).
/// Every scene is a pure function of (seed, index). Odd scenes are non-metric (scaled ×<c>NonMetricScale</c>).
/// Views are rendered 5/4 larger than the target with an off-centre principal point so that the dataset crop and
/// resolution rules are exercised.
/// </summary>
internal sealed class SyntheticScenes(int count, int seed) : PairDataset
{
    public const double NonMetricScale = 3.0;

    public override int Count { get; } = count;

    public override string Name => "SyntheticScenes";

    private sealed record Scene(double Ground, double WallZ, double WallTop, double[] SphereCenter, double SphereRadius, double Scale, int Palette);

    protected override (ViewSample, ViewSample) Raw(int index, int width, int height)
    {
        var r = new Random(DeterministicSeed.Mix(seed, index, 0x5ce7e));
        var scene = new Scene(1.0 + 0.4 * r.NextDouble(), 6.0 + 2.0 * r.NextDouble(), -1.2 + 0.5 * r.NextDouble(),
            new[] { -0.6 + 1.2 * r.NextDouble(), -0.1 + 0.5 * r.NextDouble(), 3.2 + 0.8 * r.NextDouble() },
            0.5 + 0.25 * r.NextDouble(), index % 2 == 0 ? 1.0 : NonMetricScale, r.Next(3));
        int rw = width * 5 / 4, rh = height * 5 / 4;
        double f = 0.9 * rw * (0.9 + 0.2 * r.NextDouble());
        var k = new[] { f, 0, rw / 2.0 - 0.5 + (r.NextDouble() - 0.5) * 0.1 * rw, 0, f, rh / 2.0 - 0.5 + (r.NextDouble() - 0.5) * 0.1 * rh, 0, 0, 1 };
        var pose1 = Pose(r, 0.0);
        var pose2 = Pose(r, 0.25 + 0.2 * r.NextDouble());
        string id = $"synthetic_{seed}_{index}";
        return (Render(scene, k, pose1, rw, rh, id + "_v1", DeterministicSeed.Mix(seed, index, 1)),
            Render(scene, k, pose2, rw, rh, id + "_v2", DeterministicSeed.Mix(seed, index, 2)));
    }

    /// <summary>Camera→world pose: small rotation, camera near the origin, lateral offset <paramref name="baseline"/>.</summary>
    private static double[] Pose(Random r, double baseline)
    {
        double ax = (r.NextDouble() - 0.5) * 0.12, ay = (r.NextDouble() - 0.5) * 0.25 - baseline * 0.3, az = (r.NextDouble() - 0.5) * 0.08;
        var rot = Mul(Mul(RotY(ay), RotX(ax)), RotZ(az));
        double tx = baseline + (r.NextDouble() - 0.5) * 0.1, ty = (r.NextDouble() - 0.5) * 0.1, tz = (r.NextDouble() - 0.5) * 0.2;
        var p = new double[16];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) p[i * 4 + j] = (float)rot[i * 3 + j];
        (p[3], p[7], p[11], p[15]) = ((float)tx, (float)ty, (float)tz, 1);
        return p;
    }

    private static ViewSample Render(Scene s, double[] k, double[] pose, int w, int h, string instance, int dropoutSeed)
    {
        var img = new byte[w * h * 3];
        var depth = new float[w * h];
        var dropout = new Random(dropoutSeed);
        for (int v = 0; v < h; v++)
            for (int u = 0; u < w; u++)
            {
                double dx = (u - k[2]) / k[0], dy = (v - k[5]) / k[4];
                var dir = new[] { pose[0] * dx + pose[1] * dy + pose[2], pose[4] * dx + pose[5] * dy + pose[6], pose[8] * dx + pose[9] * dy + pose[10] };
                var o = new[] { pose[3], pose[7], pose[11] };
                var (t, rgb) = Cast(s, o, dir);
                int i = v * w + u;
                depth[i] = t > 0 ? (float)(t * s.Scale) : -1f;
                if (t > 0 && dropout.NextDouble() < 0.01) depth[i] = 0f;   // a few missing depths, as in real data
                for (int c = 0; c < 3; c++) img[3 * i + c] = (byte)Math.Clamp(rgb[c] * 255.0, 0, 255);
            }
        var scaled = (double[])pose.Clone();
        for (int a = 0; a < 3; a++) scaled[a * 4 + 3] = (float)(pose[a * 4 + 3] * s.Scale);
        return new ViewSample
        {
            Image = img, Depth = depth, Width = w, Height = h, K = k, CamToWorld = scaled,
            IsMetricScale = s.Scale == 1.0, Instance = instance, Dataset = "SyntheticScenes",
        };
    }

    /// <summary>Nearest hit along the ray (t is the camera-z distance since the camera ray has unit z); t &lt; 0 = sky.</summary>
    private static (double T, double[] Rgb) Cast(Scene s, double[] o, double[] d)
    {
        double best = double.PositiveInfinity;
        double[] color = Sky(d);
        // Sphere.
        double ox = o[0] - s.SphereCenter[0], oy = o[1] - s.SphereCenter[1], oz = o[2] - s.SphereCenter[2];
        double a = d[0] * d[0] + d[1] * d[1] + d[2] * d[2], b = 2 * (ox * d[0] + oy * d[1] + oz * d[2]);
        double disc = b * b - 4 * a * (ox * ox + oy * oy + oz * oz - s.SphereRadius * s.SphereRadius);
        if (disc > 0)
        {
            double t = (-b - Math.Sqrt(disc)) / (2 * a);
            if (t > 1e-6 && t < best)
            {
                best = t;
                double nx = (ox + t * d[0]) / s.SphereRadius, ny = (oy + t * d[1]) / s.SphereRadius, nz = (oz + t * d[2]) / s.SphereRadius;
                double lat = Math.Asin(Math.Clamp(ny, -1, 1)), lon = Math.Atan2(nx, nz);
                double check = ((int)Math.Floor(lat * 4) + (int)Math.Floor(lon * 4)) % 2 == 0 ? 1.0 : 0.45;
                double shade = 0.55 + 0.45 * Math.Max(0, -0.4 * nx - 0.7 * ny - 0.6 * nz);
                color = Tint(s.Palette, 0, check * shade);
            }
        }
        if (d[1] > 1e-9)
        {
            double t = (s.Ground - o[1]) / d[1];
            if (t > 1e-6 && t < best && o[2] + t * d[2] < s.WallZ)
            {
                best = t;
                double x = o[0] + t * d[0], z = o[2] + t * d[2];
                double tex = ((int)Math.Floor(x * 2) + (int)Math.Floor(z * 2)) % 2 == 0 ? 0.9 : 0.5;
                color = Tint(s.Palette, 1, tex * (0.8 + 0.2 * Math.Sin(3 * x + z)));
            }
        }
        if (d[2] > 1e-9)
        {
            double t = (s.WallZ - o[2]) / d[2];
            double y = o[1] + t * d[1], x = o[0] + t * d[0];
            if (t > 1e-6 && t < best && y >= s.WallTop)
            {
                best = t;
                double tex = 0.6 + 0.3 * Math.Sin(5 * x) * Math.Cos(4 * y) + (((int)Math.Floor(x * 3) & 1) == 0 ? 0.1 : -0.1);
                color = Tint(s.Palette, 2, tex);
            }
        }
        return double.IsPositiveInfinity(best) ? (-1, color) : (best, color);
    }

    private static double[] Sky(double[] d) => new[] { 0.55 + 0.2 * d[0], 0.7, 0.95 - 0.2 * Math.Max(0, -d[1]) };

    private static double[] Tint(int palette, int surface, double v)
    {
        double[][] colors =
        {
            new[] { 0.9, 0.35, 0.3 }, new[] { 0.55, 0.75, 0.4 }, new[] { 0.85, 0.8, 0.6 },
            new[] { 0.3, 0.5, 0.9 }, new[] { 0.7, 0.6, 0.45 }, new[] { 0.8, 0.8, 0.85 },
        };
        var c = colors[(palette + surface * 2) % colors.Length];
        return new[] { c[0] * v, c[1] * v, c[2] * v };
    }

    private static double[] RotX(double a) => new[] { 1, 0, 0, 0, Math.Cos(a), -Math.Sin(a), 0, Math.Sin(a), Math.Cos(a) };

    private static double[] RotY(double a) => new[] { Math.Cos(a), 0, Math.Sin(a), 0, 1, 0, -Math.Sin(a), 0, Math.Cos(a) };

    private static double[] RotZ(double a) => new[] { Math.Cos(a), -Math.Sin(a), 0, Math.Sin(a), Math.Cos(a), 0, 0, 0, 1 };

    private static double[] Mul(double[] x, double[] y)
    {
        var r = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) r[i * 3 + j] += x[i * 3 + k] * y[k * 3 + j];
        return r;
    }
}
