using System.Globalization;
using Mast3r.Geometry;
using Mast3r.IO;
using Mast3r.Metrics.Dtu;

namespace Mast3r.Datasets.Synthetic;

/// <summary>
/// A DTU-like layout of the synthetic room for the MVS experiment (scan 1): five views around a pillar standing on the
/// floor, <c>Rectified/scan1/rect_VVV_3_r5000.png</c>, <c>Calibration/cal18/pos_VVV.txt</c> (P = K[R|t] in millimetres),
/// the reference cloud <c>Points/stl/stl001_total.ply</c> (every view ray-cast at twice the resolution, thinned to
/// 0.2 mm like the STL points), <c>ObsMask/ObsMask1_10.mat</c> (voxels holding reference points, dilated by one voxel,
/// 10 mm margin) and <c>ObsMask/Plane1.mat</c> (keeps points above the floor, as DTU's plane removes the table).
/// The manifest keeps scene units for the oracle; the DTU files use <see cref="MillimetresPerUnit"/>.
/// </summary>
internal static class SyntheticDtuLayout
{
    /// <summary>Scene unit → mm: a 0.5 mm pixel footprint on the pillar, DTU-like.</summary>
    public const double MillimetresPerUnit = 50;
    public const int Scan = 1;
    public const double MaskResolutionMm = 4;
    private static readonly double[] Target = { -2.0, -1.0, -0.5 };

    public static void Write(string root)
    {
        var scene = new SyntheticScene();
        var manifest = new SyntheticManifest(root);
        var k = SyntheticPoseLayouts.Camera;
        var fine = new CameraIntrinsics(2 * k.Width, 2 * k.Height, 2 * k.Fx, 2 * k.Fy, 2 * k.Cx + 0.5, 2 * k.Cy + 0.5);
        var cams = new List<SyntheticCamera>();
        for (int v = 1; v <= 5; v++)
        {
            double a = 0.5 + 0.3 * (v - 1), height = 0.4 + 0.25 * (v % 2);
            var c = new[] { Target[0] + 2.0 * Math.Cos(a), height, Target[2] + 2.0 * Math.Sin(a) };
            var cam = new SyntheticCamera(k, SyntheticScene.LookAt(c, Target));
            string image = $"Rectified/scan{Scan}/rect_{v:D3}_3_r5000.png";
            manifest.AddImage(scene, image, cam);
            WriteProjection(Path.Combine(root, "Calibration", "cal18", $"pos_{v:D3}.txt"), cam);
            cams.Add(cam);
        }
        var reference = ReferencePoints(scene, cams, fine);
        var stl = DtuEvaluation.Reduce(reference.ToArray(), new DtuOptions().ReductionRadius, new Random(0));
        Directory.CreateDirectory(Path.GetDirectoryName(DtuFiles.StlPath(root, Scan))!);
        PlyWriter.WriteVertices(DtuFiles.StlPath(root, Scan), stl);
        WriteMask(DtuFiles.ObsMaskPath(root, Scan), stl);
        double floorMm = -scene.RoomHalfExtent[1] * MillimetresPerUnit;
        MatV5Writer.Write(DtuFiles.PlanePath(root, Scan), new[] { new MatV5Writer.Variable("P", new[] { 4, 1 }, new[] { 0.0, 1.0, 0.0, -floorMm - 1.0 }) });
        manifest.Save();
    }

    // The structured-light stand-in: every view ray-cast at twice the resolution, keeping the surface points that a
    // second view also sees (unoccluded, inside its image) — what a multi-view method can reconstruct at all, as the
    // DTU STL covers the object seen by the 49 views.
    private static double[] ReferencePoints(SyntheticScene scene, IReadOnlyList<SyntheticCamera> cams, CameraIntrinsics fine)
    {
        var depth = cams.Select(c => c.Render(scene).Depth).ToList();
        var points = new List<double>();
        for (int v = 0; v < cams.Count; v++)
        {
            var world = cams[v].Render(scene, fine).World;
            for (int i = 0; i < world.Length / 3; i++)
            {
                var p = new[] { world[3 * i], world[3 * i + 1], world[3 * i + 2] };
                if (!double.IsFinite(p[0])) continue;
                bool seenTwice = false;
                for (int u = 0; u < cams.Count && !seenTwice; u++)
                    if (u != v) seenTwice = Visible(cams[u], depth[u], p);
                if (!seenTwice) continue;
                points.Add(p[0] * MillimetresPerUnit); points.Add(p[1] * MillimetresPerUnit); points.Add(p[2] * MillimetresPerUnit);
            }
        }
        return points.ToArray();
    }

    private static bool Visible(SyntheticCamera cam, float[] depth, double[] p)
    {
        var k = cam.Intrinsics;
        var x = cam.WorldToCamera.Apply(p);
        if (x[2] <= 0) return false;
        int u = (int)Math.Round(k.Fx * x[0] / x[2] + k.Cx), v = (int)Math.Round(k.Fy * x[1] / x[2] + k.Cy);
        if (u < 0 || v < 0 || u >= k.Width || v >= k.Height) return false;
        return x[2] <= depth[v * k.Width + u] * 1.02; // not behind the surface that pixel sees (2 % covers the pixel footprint)
    }

    private static void WriteProjection(string path, SyntheticCamera cam)
    {
        var k = cam.Intrinsics;
        var r = cam.WorldToCamera.Rotation;
        var t = cam.WorldToCamera.Translation.Select(x => x * MillimetresPerUnit).ToArray();
        var kk = new[,] { { k.Fx, 0, k.Cx }, { 0, k.Fy, k.Cy }, { 0, 0, 1 } };
        var lines = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var row = new double[4];
            for (int j = 0; j < 3; j++)
            {
                for (int m = 0; m < 3; m++) row[j] += kk[i, m] * r[m, j];
                row[3] += kk[i, j] * t[j];
            }
            lines.Add(string.Join(' ', row.Select(x => x.ToString("R", CultureInfo.InvariantCulture))));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
    }

    private static void WriteMask(string path, double[] points)
    {
        const double margin = 10;
        var min = new double[3];
        var max = new double[3];
        var dims = new int[3];
        for (int a = 0; a < 3; a++)
        {
            min[a] = Enumerable.Range(0, points.Length / 3).Min(i => points[3 * i + a]) - margin;
            max[a] = Enumerable.Range(0, points.Length / 3).Max(i => points[3 * i + a]) + margin;
            dims[a] = (int)Math.Floor((max[a] - min[a]) / MaskResolutionMm) + 1;
        }
        var voxels = new byte[dims[0] * dims[1] * dims[2]];
        for (int i = 0; i < points.Length / 3; i++)
        {
            var idx = new int[3];
            for (int a = 0; a < 3; a++) idx[a] = (int)Math.Round((points[3 * i + a] - min[a]) / MaskResolutionMm, MidpointRounding.AwayFromZero);
            for (int dx = -1; dx <= 1; dx++)
                for (int dy = -1; dy <= 1; dy++)
                    for (int dz = -1; dz <= 1; dz++)
                    {
                        int x = idx[0] + dx, y = idx[1] + dy, z = idx[2] + dz;
                        if (x >= 0 && y >= 0 && z >= 0 && x < dims[0] && y < dims[1] && z < dims[2]) voxels[x + dims[0] * (y + dims[1] * z)] = 1;
                    }
        }
        MatV5Writer.Write(path, new[]
        {
            new MatV5Writer.Variable("ObsMask", dims, voxels, Logical: true),
            new MatV5Writer.Variable("BB", new[] { 2, 3 }, new[] { min[0], max[0], min[1], max[1], min[2], max[2] }),
            new MatV5Writer.Variable("Res", new[] { 1, 1 }, new[] { MaskResolutionMm }),
        });
    }
}
