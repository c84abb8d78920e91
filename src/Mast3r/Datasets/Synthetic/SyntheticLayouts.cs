using System.Globalization;
using Mast3r.Datasets.Colmap;
using Mast3r.Datasets.Kapture;
using Mast3r.Datasets.MapFree;
using Mast3r.Geometry;

namespace Mast3r.Datasets.Synthetic;

/// <summary>
/// Writes the on-disk layouts of the benchmarks (the same paths and formats the readers expect) for the synthetic
/// room, each with a <see cref="SyntheticManifest"/>. Query ground truth is written in the file a public-GT dataset
/// would carry it in (kapture <c>trajectories.txt</c>, map-free <c>poses.txt</c>), also for layouts whose real
/// counterpart hides it, so the embedded suite can score every pipeline locally.
/// </summary>
internal static class SyntheticLayouts
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Dataset keys with a synthetic generator.</summary>
    public static IReadOnlyList<string> Supported { get; } = new[] { "aachen", "cambridge", "mapfree", "co3d", "re10k", "dtu", "7scenes", "inloc" };

    /// <summary>Writes the layout of <paramref name="dataset"/> under <c>dataRoot/&lt;folder&gt;</c>; returns that directory.</summary>
    public static string Write(string dataset, string dataRoot)
    {
        var layout = DatasetLayout.All.TryGetValue(dataset, out var l) ? l
            : throw new ArgumentException($"unknown dataset '{dataset}'");
        string dir = layout.Directory(dataRoot);
        switch (dataset)
        {
            case "aachen": WriteAachen(dir); break;
            case "cambridge": WriteCambridge(dir); break;
            case "mapfree": WriteMapFree(dir); break;
            case "co3d": SyntheticPoseLayouts.WriteCo3d(dir); break;
            case "re10k": SyntheticPoseLayouts.WriteRe10k(dir); break;
            case "dtu": SyntheticDtuLayout.Write(dir); break;
            case "7scenes": SyntheticSevenScenesLayout.Write(dir); break;
            case "inloc": SyntheticInLocLayout.Write(dir); break;
            default: throw new NotSupportedException($"no synthetic generator for '{dataset}' (available: {string.Join(", ", Supported)})");
        }
        return dir;
    }

    /// <summary>Aachen Day-Night v1.1 layout: COLMAP map, kapture query lists (day and night), FIRe-style pairs file.</summary>
    public static void WriteAachen(string root)
    {
        var scene = new SyntheticScene();
        var manifest = new SyntheticManifest(root);
        var db = SyntheticRig.Database(12, SyntheticRig.Landscape);
        var dbNames = db.Select((_, i) => $"db/{i + 1:D4}.jpg").ToList();
        WriteMap(scene, manifest, db, dbNames, Path.Combine(root, "mapping", "colmap", "reconstruction"), "images");
        var queries = new List<(string Name, SyntheticCamera Cam)>();
        var day = SyntheticRig.Queries(6, SyntheticRig.Landscape, seed: 11);
        var night = SyntheticRig.Queries(6, SyntheticRig.Landscape, seed: 12);
        queries.AddRange(day.Select((c, i) => ($"query/day/milestone/{i + 1:D4}.jpg", c)));
        queries.AddRange(night.Select((c, i) => ($"query/night/nexus5x/{i + 1:D4}.jpg", c)));
        WriteQueries(scene, manifest, queries, db, dbNames, Path.Combine(root, "kapture", "query", "sensors"), "images",
            Path.Combine(root, "pairsfile", "query", "fire_top50.txt"));
        manifest.Save();
    }

    /// <summary>Cambridge Landmarks layout for one scene (ShopFacade): COLMAP map, kapture queries with GT, AP-GeM-style pairs.</summary>
    public static void WriteCambridge(string root)
    {
        const string sceneName = "ShopFacade";
        var scene = new SyntheticScene();
        var manifest = new SyntheticManifest(root);
        var db = SyntheticRig.Database(12, SyntheticRig.Landscape);
        var dbNames = db.Select((_, i) => $"seq1/frame{i + 1:D5}.png").ToList();
        WriteMap(scene, manifest, db, dbNames, Path.Combine(root, "mapping", sceneName, "colmap", "reconstruction"), sceneName);
        var queries = SyntheticRig.Queries(8, SyntheticRig.Landscape, seed: 21).Select((c, i) => ($"seq2/frame{i + 1:D5}.png", c)).ToList();
        WriteQueries(scene, manifest, queries, db, dbNames, Path.Combine(root, "kapture", sceneName, "query", "sensors"), sceneName,
            Path.Combine(root, sceneName, "pairsfile", "query", "APGeM-LM18_top50.txt"));
        manifest.Save();
    }

    /// <summary>Map-free layout: <c>val/</c> scenes with public poses and <c>test/</c> scenes with zeroed (hidden) poses
    /// whose true poses go to <c>test_ground_truth/</c> for the synthetic suite only; every frame also has its exact
    /// depth as <c>*.dptkitti.png</c> (the optional DPT-KITTI download's format).</summary>
    public static void WriteMapFree(string root)
    {
        var scene = new SyntheticScene();
        var manifest = new SyntheticManifest(root);
        int sceneNumber = 460;
        foreach (string split in new[] { "val", "test" })
            for (int s = 0; s < 2; s++, sceneNumber++)
            {
                double a = 2 * Math.PI * (s + (split == "test" ? 0.5 : 0)) / 2 + 0.3;
                var start = new[] { 3.8 * Math.Cos(a), 0.0, 3.8 * Math.Sin(a) };
                var traj = SyntheticRig.Trajectory(start, a, 11, SyntheticRig.Portrait, seed: sceneNumber);
                string id = $"s{sceneNumber:D5}";
                string dir = Path.Combine(split, id);
                var reference = traj[0];
                var refInverse = reference.WorldToCamera.Inverse();
                var frames = new List<(string Name, SyntheticCamera Cam)> { ("seq0/frame_00000.jpg", reference) };
                frames.AddRange(traj.Skip(1).Select((c, i) => ($"seq1/frame_{i:D5}.jpg", c)));
                var intr = new List<string>();
                var poses = new List<string>();
                var truth = new List<string>();
                foreach (var (name, cam) in frames)
                {
                    var k = cam.Intrinsics;
                    var render = cam.Render(scene);
                    render.Save(Path.Combine(root, dir, name));
                    manifest.Register(Path.Combine(dir, name), cam);
                    // The optional DPT-KITTI download's file, here with the exact z-depth (millimetre-rounded).
                    MapFreeDepthMap.Write(MapFreeDepthMap.DptKittiPath(Path.Combine(root, dir), name), k.Width, k.Height, render.Depth);
                    intr.Add($"{name} {F(k.Fx)} {F(k.Fy)} {F(k.Cx)} {F(k.Cy)} {k.Width} {k.Height}");
                    string line = $"{name} {PoseText(cam.WorldToCamera.Compose(refInverse))}";
                    truth.Add(line);
                    poses.Add(split == "test" && name.StartsWith("seq1/", StringComparison.Ordinal) ? $"{name} 0 0 0 0 0 0 0" : line);
                }
                File.WriteAllLines(Path.Combine(root, dir, "intrinsics.txt"), intr);
                File.WriteAllLines(Path.Combine(root, dir, "poses.txt"), poses);
                if (split == "test")
                {
                    Directory.CreateDirectory(Path.Combine(root, "test_ground_truth", id));
                    File.WriteAllLines(Path.Combine(root, "test_ground_truth", id, "poses.txt"), truth);
                }
            }
        manifest.Save();
    }

    // Database images + a COLMAP model whose 3-D points are the exact surface points under a 5-px keypoint grid.
    private static void WriteMap(SyntheticScene scene, SyntheticManifest manifest, IReadOnlyList<SyntheticCamera> db,
        IReadOnlyList<string> names, string reconstructionDir, string imageRoot)
    {
        var model = new ColmapModel();
        long pointId = 1;
        for (int i = 0; i < db.Count; i++)
        {
            var cam = db[i];
            var k = cam.Intrinsics;
            var render = cam.Render(scene);
            render.Save(Path.Combine(manifest.Root, imageRoot, names[i]));
            var xy = new List<double>();
            var ids = new List<long>();
            for (int v = 2; v < k.Height; v += 5)
                for (int u = 2; u < k.Width; u += 5)
                {
                    int idx = v * k.Width + u;
                    if (double.IsNaN(render.World[3 * idx])) continue;
                    model.Points3D[pointId] = new[] { render.World[3 * idx], render.World[3 * idx + 1], render.World[3 * idx + 2] };
                    xy.Add(u + 0.5); xy.Add(v + 0.5); // COLMAP pixel convention
                    ids.Add(pointId++);
                }
            model.Cameras[i + 1] = new ColmapModel.Camera(i + 1, "SIMPLE_RADIAL", k.Width, k.Height, new[] { k.Fx, k.Cx + 0.5, k.Cy + 0.5, 0.0 });
            var image = new ColmapModel.Image(i + 1, names[i], i + 1, cam.WorldToCamera, xy.ToArray(), ids.ToArray());
            model.Images[image.Id] = image;
            manifest.Register(Path.Combine(imageRoot, names[i]), cam);
        }
        model.Write(reconstructionDir);
    }

    // Query images, kapture query lists with GT trajectories, and a retrieval pairs file of the best-overlapping database images.
    internal static void WriteQueries(SyntheticScene scene, SyntheticManifest manifest, IReadOnlyList<(string Name, SyntheticCamera Cam)> queries,
        IReadOnlyList<SyntheticCamera> db, IReadOnlyList<string> dbNames, string sensorsDir, string imageRoot, string pairsPath, int pairsPerQuery = 50,
        bool colmapHalfPixel = true, bool hlocPairs = false, bool simplePinhole = false)
    {
        var sensors = new List<(string, string, int, int, double[])>();
        var records = new List<KaptureFiles.Record>();
        var trajectories = new List<(long, string, Pose)>();
        var pairs = new List<(string, string, double)>();
        for (int i = 0; i < queries.Count; i++)
        {
            var (name, cam) = queries[i];
            var k = cam.Intrinsics;
            manifest.AddImage(scene, Path.Combine(imageRoot, name), cam);
            string sensor = $"query_{i:D4}";
            double half = colmapHalfPixel ? 0.5 : 0.0;
            // dust3r's InLoc and 7-Scenes readers unpack exactly SIMPLE_PINHOLE's (w, h, f, cx, cy).
            sensors.Add(simplePinhole ? (sensor, "SIMPLE_PINHOLE", k.Width, k.Height, new[] { k.Fx, k.Cx + half, k.Cy + half })
                : (sensor, "SIMPLE_RADIAL", k.Width, k.Height, new[] { k.Fx, k.Cx + half, k.Cy + half, 0.0 }));
            records.Add(new KaptureFiles.Record(i, sensor, name));
            trajectories.Add((i, sensor, cam.WorldToCamera));
            foreach (var (idx, score) in SyntheticRig.Rank(cam, db).Take(pairsPerQuery)) pairs.Add((name, dbNames[idx], score));
        }
        KaptureFiles.WriteSensors(Path.Combine(sensorsDir, "sensors.txt"), sensors);
        KaptureFiles.WriteRecords(Path.Combine(sensorsDir, "records_camera.txt"), records);
        KaptureFiles.WriteTrajectories(Path.Combine(sensorsDir, "trajectories.txt"), trajectories);
        if (hlocPairs) PairsFile.WriteHloc(pairsPath, pairs);
        else PairsFile.WriteKapture(pairsPath, pairs);
    }

    internal static string F(double v) => v.ToString("R", Ci);

    private static string PoseText(Pose p)
    {
        var (w, x, y, z) = p.ToQuaternion();
        var t = p.Translation;
        return string.Join(' ', new[] { w, x, y, z, t[0], t[1], t[2] }.Select(F));
    }
}
