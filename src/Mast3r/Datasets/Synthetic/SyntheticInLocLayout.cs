using Mast3r.Datasets.Kapture;
using Mast3r.Datasets.Visloc;
using Mast3r.Geometry;
using Mast3r.IO;

namespace Mast3r.Datasets.Synthetic;

/// <summary>
/// InLoc layout (protocols.md §1.1): DUC1 and DUC2 cutouts under <c>mapping/sensors/records_data/&lt;building&gt;/&lt;scan&gt;/</c>
/// with <c>XYZcut</c> .mat files in each scan's own frame, per-building <c>all_transformations.txt</c> (non-identity
/// scan→building matrices, so the reader's alignment is exercised), iPhone-style queries with GT trajectories
/// (SIMPLE_PINHOLE without the half-pixel shift, as dust3r reads InLoc), and the hloc-form pairs file.
/// Both buildings share the synthetic room, so building frame = world frame.
/// </summary>
internal static class SyntheticInLocLayout
{
    public static void Write(string root)
    {
        var scene = new SyntheticScene();
        var manifest = new SyntheticManifest(root);
        var k = SyntheticRig.Landscape;
        var db = SyntheticRig.Database(12, k);
        string sensorsDir = Path.Combine(root, "mapping", "sensors");
        var names = new List<string>();
        var records = new List<KaptureFiles.Record>();
        var trajectories = new List<(long, string, Pose)>();
        var alignments = new Dictionary<string, List<(string, double[])>> { ["DUC1"] = new(), ["DUC2"] = new() };
        for (int i = 0; i < db.Count; i++)
        {
            string building = i < db.Count / 2 ? "DUC1" : "DUC2";
            int scanNumber = (i % (db.Count / 2)) / 2 + 1;
            string scan = $"{scanNumber:D3}";
            string name = $"{building}/{scan}/DUC_cutout_{scan}_{(i % 2) * 30}_0.jpg";
            names.Add(name);
            var scanToBuilding = ScanToBuilding(scanNumber + (building == "DUC2" ? 10 : 0));
            if (i % 2 == 0) alignments[building].Add((scan, Matrix(scanToBuilding)));
            var render = db[i].Render(scene);
            string rel = Path.Combine("mapping", "sensors", "records_data", name);
            render.Save(Path.Combine(root, rel));
            manifest.Register(rel, db[i]);
            WriteXyzCut(Path.Combine(root, rel) + ".mat", render, scanToBuilding.Inverse());
            records.Add(new KaptureFiles.Record(i, "cutout", name));
            trajectories.Add((i, "cutout", db[i].WorldToCamera));
        }
        KaptureFiles.WriteSensors(Path.Combine(sensorsDir, "sensors.txt"),
            new[] { ("cutout", "SIMPLE_PINHOLE", k.Width, k.Height, new[] { k.Fx, k.Cx, k.Cy }) });
        KaptureFiles.WriteRecords(Path.Combine(sensorsDir, "records_camera.txt"), records);
        KaptureFiles.WriteTrajectories(Path.Combine(sensorsDir, "trajectories.txt"), trajectories);
        foreach (var (b, list) in alignments)
            InLocAlignment.Write(Path.Combine(root, "mapping", $"{b}_alignment", "all_transformations.txt"), list);

        var queries = SyntheticRig.Queries(8, k, seed: 41).Select((c, i) => ($"iphone7/IMG_{i + 894:D4}.JPG", c)).ToList();
        SyntheticLayouts.WriteQueries(scene, manifest, queries, db, names, Path.Combine(root, "query", "sensors"),
            Path.Combine("query", "sensors", "records_data"), Path.Combine(root, "pairfiles", "query", "pairs-query-netvlad40-temporal.txt"),
            pairsPerQuery: 40, colmapHalfPixel: false, hlocPairs: true, simplePinhole: true);
        manifest.Save();
    }

    // A distinct rigid scan→building transform per scan (yaw and offset).
    private static Pose ScanToBuilding(int scan)
    {
        double a = 0.15 * scan;
        return Pose.FromQuaternion(Math.Cos(a / 2), 0, Math.Sin(a / 2), 0, 0.3 * scan, -0.1, 0.2 - 0.05 * scan);
    }

    private static double[] Matrix(Pose p)
    {
        var m = new double[16];
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++) m[4 * r + c] = p.Rotation[r, c];
            m[4 * r + 3] = p.Translation[r];
        }
        m[15] = 1;
        return m;
    }

    // XYZcut in the scan frame, column-major H×W×3 (MATLAB order), NaN where the ray misses.
    private static void WriteXyzCut(string path, SyntheticRender render, Pose buildingToScan)
    {
        int w = render.Width, h = render.Height;
        var data = new double[w * h * 3];
        for (int v = 0; v < h; v++)
            for (int u = 0; u < w; u++)
            {
                int idx = v * w + u;
                var p = new[] { render.World[3 * idx], render.World[3 * idx + 1], render.World[3 * idx + 2] };
                var s = double.IsNaN(p[0]) ? new[] { double.NaN, double.NaN, double.NaN } : buildingToScan.Apply(p);
                for (int c = 0; c < 3; c++) data[v + h * u + h * w * c] = s[c];
            }
        MatV5Writer.Write(path, new[] { new MatV5Writer.Variable("XYZcut", new[] { h, w, 3 }, data) });
    }
}
