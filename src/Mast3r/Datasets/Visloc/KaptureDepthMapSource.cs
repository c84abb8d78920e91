using Mast3r.Datasets.Kapture;
using Mast3r.Geometry;

namespace Mast3r.Datasets.Visloc;

/// <summary>
/// The map of a kapture mapping folder with registered depth (7-Scenes, protocols.md §1.1): every camera record
/// with a pose, and the depth record of the same timestamp in <c>records_depth.txt</c>. A map image's 3-D points
/// are its depth back-projected at every pixel centre with a valid depth (dust3r_visloc SevenScenes: depth, not a
/// sparse model, is the map 3-D), moved to the world frame with the image's pose. Registered depth has the
/// camera's size and intrinsics; the depth sensor's size in <c>sensors.txt</c> must match.
/// </summary>
internal sealed class KaptureDepthMapSource
{
    private readonly Dictionary<string, KaptureFiles.Record> _byName;
    private readonly Dictionary<long, (string Path, CameraIntrinsics Sensor)> _depthByTimestamp;

    private KaptureDepthMapSource(KaptureSensorData sensors, Dictionary<string, KaptureFiles.Record> byName,
        Dictionary<long, (string, CameraIntrinsics)> depth, List<string> files)
    {
        Sensors = sensors;
        _byName = byName;
        _depthByTimestamp = depth;
        Files = files;
    }

    public KaptureSensorData Sensors { get; }
    public IReadOnlyList<string> Files { get; }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public static KaptureDepthMapSource Read(string sensorsDir)
    {
        var sensors = KaptureSensorData.Read(sensorsDir);
        if (!sensors.HasTrajectories)
            throw new InvalidDataException($"{sensors.TrajectoriesPath} is missing: the map images need poses");
        string depthRecords = Path.Combine(sensorsDir, "records_depth.txt");
        if (!File.Exists(depthRecords))
            throw new FileNotFoundException($"{depthRecords} is missing: the 7-Scenes map 3-D comes from the registered depth maps", depthRecords);
        var depthSensors = KaptureFiles.ReadSensors(sensors.SensorsPath, sensorType: "depth");
        var depth = new Dictionary<long, (string, CameraIntrinsics)>();
        foreach (var r in KaptureFiles.ReadRecords(depthRecords))
        {
            if (!depthSensors.TryGetValue(r.SensorId, out var d))
                throw new InvalidDataException($"{depthRecords}: sensor '{r.SensorId}' of '{r.ImagePath}' is not a depth sensor in {sensors.SensorsPath}");
            depth[r.Timestamp] = (r.ImagePath, d);
        }
        var byName = new Dictionary<string, KaptureFiles.Record>(StringComparer.Ordinal);
        foreach (var r in sensors.Records) byName[r.ImagePath] = r;
        var files = sensors.Files.Append(depthRecords).ToList();
        return new KaptureDepthMapSource(sensors, byName, depth, files);
    }

    /// <summary>The map image with its depth-derived world points (pixels in the OpenCV convention).</summary>
    public VislocMapImage MapImage(string name)
    {
        var r = _byName[name];
        var cam = Sensors.Camera(r);
        var pose = Sensors.Pose(r) ?? throw new InvalidDataException(
            $"{Sensors.TrajectoriesPath}: no pose for timestamp {r.Timestamp}, sensor '{r.SensorId}' ('{name}'), directly or through rigs.txt");
        if (!_depthByTimestamp.TryGetValue(r.Timestamp, out var d))
            throw new InvalidDataException($"{Path.Combine(Sensors.Directory, "records_depth.txt")}: no depth record for timestamp {r.Timestamp} ('{name}')");
        if (d.Sensor.Width != cam.Width || d.Sensor.Height != cam.Height)
            throw new InvalidDataException($"{Sensors.SensorsPath}: depth sensor of '{d.Path}' is {d.Sensor.Width}×{d.Sensor.Height} but camera " +
                                           $"'{r.SensorId}' is {cam.Width}×{cam.Height}; registered depth must match the camera");
        var depth = KaptureDepthMap.Read(Path.Combine(Sensors.Directory, "records_data", d.Path), cam.Width, cam.Height);
        var (pixels, points) = BackProject(depth, cam, pose);
        return new VislocMapImage(name, Path.Combine(Sensors.Directory, "records_data", name), cam, pose, pixels, points);
    }

    internal static (double[] Pixels, double[] Points) BackProject(float[] depth, CameraIntrinsics cam, Pose worldToCamera)
    {
        var camToWorld = worldToCamera.Inverse();
        var px = new List<double>();
        var xyz = new List<double>();
        for (int v = 0; v < cam.Height; v++)
            for (int u = 0; u < cam.Width; u++)
            {
                float z = depth[v * cam.Width + u];
                if (!float.IsFinite(z) || z <= 0) continue;
                var w = camToWorld.Apply(new[] { (u - cam.Cx) / cam.Fx * z, (v - cam.Cy) / cam.Fy * z, z });
                px.Add(u); px.Add(v);
                xyz.AddRange(w);
            }
        return (px.ToArray(), xyz.ToArray());
    }
}
