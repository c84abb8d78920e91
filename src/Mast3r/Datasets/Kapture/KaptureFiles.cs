using Mast3r.Geometry;

namespace Mast3r.Datasets.Kapture;

/// <summary>
/// The kapture text files the visloc datasets use (protocols.md §1.1): <c>sensors.txt</c>
/// (<c>sensor_id, name, camera, MODEL, w, h, params…</c>), <c>records_camera.txt</c>
/// (<c>timestamp, sensor_id, image_path</c>) and <c>trajectories.txt</c> (<c>timestamp, device_id, qw, qx, qy, qz, tx, ty, tz</c>, world→device).
/// </summary>
internal static class KaptureFiles
{
    internal sealed record Record(long Timestamp, string SensorId, string ImagePath);

    public const string Header = "# kapture format: 1.1";

    /// <summary>The <c>camera</c> sensors by id (other sensor types, e.g. 7-Scenes' <c>depth</c>, are skipped);
    /// <paramref name="shiftHalfPixel"/> false reproduces dust3r's InLoc and 7-Scenes reading (no −0.5).</summary>
    public static Dictionary<string, CameraIntrinsics> ReadSensors(string path, bool shiftHalfPixel = true)
    {
        var result = new Dictionary<string, CameraIntrinsics>(StringComparer.Ordinal);
        foreach (var r in TextRecords.ReadComma(path))
        {
            r.RequireFields(6);
            if (r.Fields[2] != "camera") continue;
            var p = Enumerable.Range(6, r.Fields.Length - 6).Select(r.Double).ToArray();
            try { result[r.Fields[0]] = CameraIntrinsics.FromColmap(r.Fields[3], r.Int(4), r.Int(5), p, shiftHalfPixel); }
            catch (InvalidDataException e) when (!e.Message.Contains(path, StringComparison.Ordinal)) { throw r.Error(e.Message); }
        }
        return result;
    }

    public static List<Record> ReadRecords(string path)
    {
        var list = new List<Record>();
        foreach (var r in TextRecords.ReadComma(path))
        {
            r.RequireFields(3);
            list.Add(new Record(r.Long(0), r.Fields[1], string.Join(",", r.Fields.Skip(2)).Trim()));
        }
        return list;
    }

    public static Dictionary<(long, string), Pose> ReadTrajectories(string path)
    {
        var result = new Dictionary<(long, string), Pose>();
        foreach (var r in TextRecords.ReadComma(path))
        {
            r.RequireFields(9);
            try { result[(r.Long(0), r.Fields[1])] = Pose.FromQuaternion(r.Double(2), r.Double(3), r.Double(4), r.Double(5), r.Double(6), r.Double(7), r.Double(8)); }
            catch (ArgumentException e) { throw r.Error(e.Message); }
        }
        return result;
    }

    /// <summary>Writes <c>sensors.txt</c>: the cameras, then the (registered) depth sensors if any.</summary>
    public static void WriteSensors(string path, IEnumerable<(string Id, string Model, int W, int H, double[] Params)> sensors,
        IEnumerable<(string Id, string Model, int W, int H, double[] Params)>? depthSensors = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        IEnumerable<string> Lines(IEnumerable<(string Id, string Model, int W, int H, double[] Params)> list, string type) =>
            list.Select(s => $"{s.Id}, {s.Id}, {type}, {s.Model}, {s.W}, {s.H}, " + string.Join(", ", s.Params.Select(p => p.ToString("R", ci))));
        File.WriteAllLines(path, new[] { Header, "# sensor_id, name, sensor_type, [sensor_params]+" }
            .Concat(Lines(sensors, "camera")).Concat(Lines(depthSensors ?? [], "depth")));
    }

    public static void WriteRecords(string path, IEnumerable<Record> records)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, new[] { Header, "# timestamp, device_id, image_path" }
            .Concat(records.Select(r => $"{r.Timestamp}, {r.SensorId}, {r.ImagePath}")));
    }

    public static void WriteTrajectories(string path, IEnumerable<(long Timestamp, string SensorId, Pose Pose)> poses)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        File.WriteAllLines(path, new[] { Header, "# timestamp, device_id, qw, qx, qy, qz, tx, ty, tz" }
            .Concat(poses.Select(p =>
            {
                var (w, x, y, z) = p.Pose.ToQuaternion();
                var t = p.Pose.Translation;
                return $"{p.Timestamp}, {p.SensorId}, " + string.Join(", ", new[] { w, x, y, z, t[0], t[1], t[2] }.Select(v => v.ToString("R", ci)));
            })));
    }
}
