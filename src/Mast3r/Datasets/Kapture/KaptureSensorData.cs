using Mast3r.Geometry;

namespace Mast3r.Datasets.Kapture;

/// <summary>
/// One kapture <c>sensors/</c> folder: cameras, camera records and, when present, trajectories resolved through
/// <c>rigs.txt</c> (kapture stores rig→sensor poses there and world→rig poses in <c>trajectories.txt</c>; 7-Scenes
/// uses rigs). <see cref="Files"/> lists the files read, for the dataset fingerprint.
/// </summary>
internal sealed class KaptureSensorData
{
    private readonly Dictionary<(long, string), Pose>? _trajectories;
    private readonly Dictionary<string, (string Rig, Pose RigToSensor)> _rigs;

    private KaptureSensorData(string dir, Dictionary<string, CameraIntrinsics> cameras, List<KaptureFiles.Record> records,
        Dictionary<(long, string), Pose>? trajectories, Dictionary<string, (string, Pose)> rigs, List<string> files)
    {
        Directory = dir;
        Cameras = cameras;
        Records = records;
        _trajectories = trajectories;
        _rigs = rigs;
        Files = files;
    }

    public string Directory { get; }
    public IReadOnlyDictionary<string, CameraIntrinsics> Cameras { get; }
    public IReadOnlyList<KaptureFiles.Record> Records { get; }
    public IReadOnlyList<string> Files { get; }
    public bool HasTrajectories => _trajectories is not null;

    public string SensorsPath => Path.Combine(Directory, "sensors.txt");
    public string RecordsPath => Path.Combine(Directory, "records_camera.txt");
    public string TrajectoriesPath => Path.Combine(Directory, "trajectories.txt");

    public static KaptureSensorData Read(string dir, bool shiftHalfPixel = true)
    {
        var files = new List<string> { Path.Combine(dir, "sensors.txt"), Path.Combine(dir, "records_camera.txt") };
        var cameras = KaptureFiles.ReadSensors(files[0], shiftHalfPixel);
        var records = KaptureFiles.ReadRecords(files[1]);
        string trajPath = Path.Combine(dir, "trajectories.txt"), rigsPath = Path.Combine(dir, "rigs.txt");
        Dictionary<(long, string), Pose>? traj = null;
        if (File.Exists(trajPath)) { traj = KaptureFiles.ReadTrajectories(trajPath); files.Add(trajPath); }
        var rigs = new Dictionary<string, (string, Pose)>(StringComparer.Ordinal);
        if (File.Exists(rigsPath))
        {
            files.Add(rigsPath);
            foreach (var r in TextRecords.ReadComma(rigsPath))
            {
                r.RequireFields(9);
                try { rigs[r.Fields[1]] = (r.Fields[0], Geometry.Pose.FromQuaternion(r.Double(2), r.Double(3), r.Double(4), r.Double(5), r.Double(6), r.Double(7), r.Double(8))); }
                catch (ArgumentException e) { throw r.Error(e.Message); }
            }
        }
        return new KaptureSensorData(dir, cameras, records, traj, rigs, files);
    }

    /// <summary>The camera of a record, or an error naming the records and sensors files.</summary>
    public CameraIntrinsics Camera(KaptureFiles.Record r) => Cameras.TryGetValue(r.SensorId, out var cam) ? cam
        : throw new InvalidDataException($"{RecordsPath}: sensor '{r.SensorId}' of '{r.ImagePath}' is not a camera in {SensorsPath}");

    /// <summary>World→camera pose of a record: a direct trajectory entry, else rig→sensor ∘ world→rig; null when absent.</summary>
    public Pose? Pose(KaptureFiles.Record r)
    {
        if (_trajectories is null) return null;
        if (_trajectories.TryGetValue((r.Timestamp, r.SensorId), out var p)) return p;
        if (_rigs.TryGetValue(r.SensorId, out var rig) && _trajectories.TryGetValue((r.Timestamp, rig.Rig), out var worldToRig))
            return rig.RigToSensor.Compose(worldToRig);
        return null;
    }
}
