using Mast3r.Datasets.Kapture;
using Mast3r.Geometry;

namespace Mast3r.Datasets.Synthetic;

/// <summary>
/// 7-Scenes layout for one scene (chess) in kapture form (protocols.md §1.1): <c>mapping/sensors</c> with a Kinect
/// rig (RGB camera + registered depth sensor, world→rig trajectories, rig→sensor poses in <c>rigs.txt</c>),
/// colour images and raw float32 <c>*.depth.reg</c> maps named after the colour images (plus the kapture
/// <c>records_depth.txt</c> listing them, which dust3r does not need); SIMPLE_PINHOLE cameras without the half-pixel
/// shift, as dust3r reads 7-Scenes; <c>query/sensors</c> with GT trajectories; the
/// AP-GeM-style pairs file under <c>pairfiles/query/</c>.
/// </summary>
internal static class SyntheticSevenScenesLayout
{
    private const string Scene = "chess";
    private const string Rig = "kinect";
    private const string Rgb = "kinect_rgb";
    private const string Depth = "kinect_depth";

    // A non-identity rig→sensor pose, so the reader's rig composition is exercised.
    private static readonly Pose RigToSensor = Pose.FromQuaternion(Math.Cos(0.05), 0, Math.Sin(0.05), 0, 0.02, -0.01, 0.03);

    public static void Write(string root)
    {
        var scene = new SyntheticScene();
        var manifest = new SyntheticManifest(root);
        var k = SyntheticRig.Landscape;
        var db = SyntheticRig.Database(12, k);
        var dbNames = db.Select((_, i) => $"seq-01/frame-{i:D6}.color.png").ToList();
        string mapSensors = Path.Combine(root, Scene, "mapping", "sensors");
        var records = new List<KaptureFiles.Record>();
        var depthRecords = new List<KaptureFiles.Record>();
        var trajectories = new List<(long, string, Pose)>();
        var rigToSensorInverse = RigToSensor.Inverse();
        for (int i = 0; i < db.Count; i++)
        {
            var render = db[i].Render(scene);
            string imageRel = Path.Combine(Scene, "mapping", "sensors", "records_data", dbNames[i]);
            render.Save(Path.Combine(root, imageRel));
            manifest.Register(imageRel, db[i]);
            string depthName = dbNames[i].Replace(".color.png", ".depth.reg", StringComparison.Ordinal);
            // 7-Scenes marks missing depth with 0.
            KaptureDepthMap.Write(Path.Combine(mapSensors, "records_data", depthName),
                render.Depth.Select(d => float.IsFinite(d) ? d : 0f).ToArray());
            records.Add(new KaptureFiles.Record(i, Rgb, dbNames[i]));
            depthRecords.Add(new KaptureFiles.Record(i, Depth, depthName));
            trajectories.Add((i, Rig, rigToSensorInverse.Compose(db[i].WorldToCamera)));
        }
        // SIMPLE_PINHOLE (f, cx, cy) in the convention dust3r reads 7-Scenes with: taken as they are, no half-pixel shift.
        var pinhole = new[] { k.Fx, k.Cx, k.Cy };
        KaptureFiles.WriteSensors(Path.Combine(mapSensors, "sensors.txt"), new[] { (Rgb, "SIMPLE_PINHOLE", k.Width, k.Height, pinhole) },
            new[] { (Depth, "SIMPLE_PINHOLE", k.Width, k.Height, pinhole) });
        KaptureFiles.WriteRecords(Path.Combine(mapSensors, "records_camera.txt"), records);
        KaptureFiles.WriteRecords(Path.Combine(mapSensors, "records_depth.txt"), depthRecords);
        KaptureFiles.WriteTrajectories(Path.Combine(mapSensors, "trajectories.txt"), trajectories);
        WriteRigs(Path.Combine(mapSensors, "rigs.txt"));

        var queries = SyntheticRig.Queries(8, k, seed: 31).Select((c, i) => ($"seq-03/frame-{i:D6}.color.png", c)).ToList();
        string querySensors = Path.Combine(root, Scene, "query", "sensors");
        SyntheticLayouts.WriteQueries(scene, manifest, queries, db, dbNames, querySensors,
            Path.Combine(Scene, "query", "sensors", "records_data"), Path.Combine(root, Scene, "pairfiles", "query", "APGeM-LM18_top20.txt"),
            pairsPerQuery: 20, colmapHalfPixel: false, simplePinhole: true);
        manifest.Save();
    }

    private static void WriteRigs(string path)
    {
        var (w, x, y, z) = RigToSensor.ToQuaternion();
        var t = RigToSensor.Translation;
        string pose = string.Join(", ", new[] { w, x, y, z, t[0], t[1], t[2] }.Select(SyntheticLayouts.F));
        File.WriteAllLines(path, new[] { KaptureFiles.Header, "# rig_id, sensor_id, qw, qx, qy, qz, tx, ty, tz",
            $"{Rig}, {Rgb}, {pose}", $"{Rig}, {Depth}, {pose}" });
    }
}
