using System.Globalization;
using Mast3r.Geometry;

namespace Mast3r.Datasets.Colmap;

/// <summary>
/// A COLMAP sparse reconstruction in TXT form (<c>cameras.txt</c>, <c>images.txt</c>, <c>points3D.txt</c>), as the
/// visloc datasets ship it (protocols.md §1.1). Keypoints keep the COLMAP pixel convention as stored.
/// </summary>
internal sealed class ColmapModel
{
    internal sealed record Camera(int Id, string Model, int Width, int Height, double[] Params)
    {
        public CameraIntrinsics Intrinsics() => CameraIntrinsics.FromColmap(Model, Width, Height, Params);
    }

    /// <summary>An image with its world→camera pose and its 2-D keypoints (COLMAP convention) with 3-D ids (−1 = none).</summary>
    internal sealed record Image(int Id, string Name, int CameraId, Pose WorldToCamera, double[] KeypointsXY, long[] Point3DIds);

    public Dictionary<int, Camera> Cameras { get; } = new();
    public Dictionary<int, Image> Images { get; } = new();
    public Dictionary<long, double[]> Points3D { get; } = new();
    public Dictionary<string, Image> ImagesByName { get; } = new(StringComparer.Ordinal);

    public static ColmapModel Read(string directory)
    {
        var model = new ColmapModel();
        foreach (var r in TextRecords.ReadWhitespace(Path.Combine(directory, "cameras.txt")))
        {
            r.RequireFields(5);
            var p = Enumerable.Range(4, r.Fields.Length - 4).Select(r.Double).ToArray();
            var cam = new Camera(r.Int(0), r.Fields[1], r.Int(2), r.Int(3), p);
            try { cam.Intrinsics(); } catch (InvalidDataException e) { throw r.Error(e.Message); }
            model.Cameras[cam.Id] = cam;
        }
        foreach (var r in TextRecords.ReadWhitespace(Path.Combine(directory, "points3D.txt")))
        {
            r.RequireFields(4);
            model.Points3D[r.Long(0)] = new[] { r.Double(1), r.Double(2), r.Double(3) };
        }
        ReadImages(Path.Combine(directory, "images.txt"), model);
        return model;
    }

    private static void ReadImages(string path, ColmapModel model)
    {
        // images.txt alternates a pose line and a (possibly empty) keypoint line, so blank lines are significant.
        using var lines = TextRecords.ReadLines(path, keepBlank: true).GetEnumerator();
        while (lines.MoveNext())
        {
            var (n, text) = lines.Current;
            if (text.Trim().Length == 0) continue;
            var r = new TextRecords.Record(path, n, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            r.RequireFields(10);
            Pose pose;
            try { pose = Pose.FromQuaternion(r.Double(1), r.Double(2), r.Double(3), r.Double(4), r.Double(5), r.Double(6), r.Double(7)); }
            catch (ArgumentException e) { throw r.Error(e.Message); }
            int cameraId = r.Int(8);
            if (!model.Cameras.ContainsKey(cameraId)) throw r.Error($"camera id {cameraId} is not in cameras.txt");
            string name = string.Join(' ', r.Fields.Skip(9));
            var xy = new List<double>();
            var ids = new List<long>();
            if (lines.MoveNext())
            {
                var (n2, pts) = lines.Current;
                var f = pts.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length % 3 != 0) throw new InvalidDataException($"{path}, line {n2}: keypoint line has {f.Length} fields, not a multiple of 3");
                for (int i = 0; i < f.Length; i += 3)
                {
                    if (!double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ||
                        !double.TryParse(f[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y) ||
                        !long.TryParse(f[i + 2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                        throw new InvalidDataException($"{path}, line {n2}: keypoint {i / 3} is malformed");
                    xy.Add(x); xy.Add(y); ids.Add(id);
                }
            }
            var image = new Image(r.Int(0), name, cameraId, pose, xy.ToArray(), ids.ToArray());
            model.Images[image.Id] = image;
            model.ImagesByName[name] = image;
        }
    }

    /// <summary>The keypoints of an image that have a 3-D point: OpenCV pixel coordinates (COLMAP − 0.5) and XYZ.</summary>
    public (double[] Pixels, double[] Points) Observations(Image image)
    {
        var px = new List<double>();
        var xyz = new List<double>();
        for (int i = 0; i < image.Point3DIds.Length; i++)
        {
            if (image.Point3DIds[i] < 0 || !Points3D.TryGetValue(image.Point3DIds[i], out var p)) continue;
            px.Add(image.KeypointsXY[2 * i] - 0.5);
            px.Add(image.KeypointsXY[2 * i + 1] - 0.5);
            xyz.AddRange(p);
        }
        return (px.ToArray(), xyz.ToArray());
    }

    /// <summary>Writes the three TXT files (used by the synthetic generators).</summary>
    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var ci = CultureInfo.InvariantCulture;
        using (var w = new StreamWriter(Path.Combine(directory, "cameras.txt")))
        {
            w.WriteLine("# Camera list with one line of data per camera:\n#   CAMERA_ID, MODEL, WIDTH, HEIGHT, PARAMS[]");
            foreach (var c in Cameras.Values.OrderBy(c => c.Id))
                w.WriteLine(string.Join(' ', new[] { c.Id.ToString(ci), c.Model, c.Width.ToString(ci), c.Height.ToString(ci) }.Concat(c.Params.Select(p => p.ToString("R", ci)))));
        }
        using (var w = new StreamWriter(Path.Combine(directory, "images.txt")))
        {
            w.WriteLine("# Image list with two lines of data per image:\n#   IMAGE_ID, QW, QX, QY, QZ, TX, TY, TZ, CAMERA_ID, NAME\n#   POINTS2D[] as (X, Y, POINT3D_ID)");
            foreach (var im in Images.Values.OrderBy(i => i.Id))
            {
                var (qw, qx, qy, qz) = im.WorldToCamera.ToQuaternion();
                var t = im.WorldToCamera.Translation;
                w.WriteLine(string.Join(' ', new[] { im.Id, qw, qx, qy, qz, t[0], t[1], t[2] }.Select(v => v is double d ? d.ToString("R", ci) : Convert.ToString(v, ci))) + $" {im.CameraId} {im.Name}");
                w.WriteLine(string.Join(' ', Enumerable.Range(0, im.Point3DIds.Length).Select(i =>
                    $"{im.KeypointsXY[2 * i].ToString("R", ci)} {im.KeypointsXY[2 * i + 1].ToString("R", ci)} {im.Point3DIds[i]}")));
            }
        }
        using (var w = new StreamWriter(Path.Combine(directory, "points3D.txt")))
        {
            w.WriteLine("# 3D point list with one line of data per point:\n#   POINT3D_ID, X, Y, Z, R, G, B, ERROR, TRACK[] as (IMAGE_ID, POINT2D_IDX)");
            var track = new Dictionary<long, string>();
            foreach (var im in Images.Values)
                for (int i = 0; i < im.Point3DIds.Length; i++)
                    if (im.Point3DIds[i] >= 0) track[im.Point3DIds[i]] = track.GetValueOrDefault(im.Point3DIds[i], "") + $" {im.Id} {i}";
            foreach (var (id, p) in Points3D.OrderBy(kv => kv.Key))
                w.WriteLine($"{id} {p[0].ToString("R", ci)} {p[1].ToString("R", ci)} {p[2].ToString("R", ci)} 128 128 128 0{track.GetValueOrDefault(id, "")}");
        }
    }
}
