using Mast3r.Datasets.Kapture;
using Mast3r.Geometry;

namespace Mast3r.Datasets.Visloc;

/// <summary>
/// The map of a 7-Scenes kapture mapping folder (protocols.md §1.1; dust3r_visloc sevenscenes.py,
/// <c>VislocSevenScenes.__getitem__</c>): every camera record with a pose (through <c>rigs.txt</c>), and its registered
/// depth map. Format facts: the depth file is the colour image's <c>records_data</c> path with <c>color.png</c>
/// replaced by <c>depth.reg</c> (dust3r derives it from the name; <c>records_depth.txt</c> is not read); it is
/// raw native little-endian float32, exactly W·H values, row-major H rows × W columns, no header (kapture
/// <c>depth_map_from_file</c>: numpy fromfile + reshape (H, W)), with W, H the image's size (equal to the camera
/// sensor's); the values are metres. A pixel with depth &gt; 0 is back-projected at its integer pixel with the camera
/// intrinsics and moved to the world with the camera→world pose (dust3r <c>depthmap_to_absolute_camera_coordinates</c>).
/// Intrinsics are read as dust3r reads 7-Scenes (SIMPLE_PINHOLE f, cx, cy taken as they are, without the COLMAP→OpenCV
/// half-pixel shift).
/// </summary>
internal sealed class KaptureDepthMapSource
{
    private const string ColorSuffix = "color.png", DepthSuffix = "depth.reg";

    private readonly Dictionary<string, KaptureFiles.Record> _byName;

    private KaptureDepthMapSource(KaptureSensorData sensors, Dictionary<string, KaptureFiles.Record> byName)
    {
        Sensors = sensors;
        _byName = byName;
    }

    public KaptureSensorData Sensors { get; }
    public IReadOnlyList<string> Files => Sensors.Files;

    public bool Contains(string name) => _byName.ContainsKey(name);

    public static KaptureDepthMapSource Read(string sensorsDir)
    {
        var sensors = KaptureSensorData.Read(sensorsDir, shiftHalfPixel: false);
        if (!sensors.HasTrajectories)
            throw new InvalidDataException($"{sensors.TrajectoriesPath} is missing: the map images need poses");
        var byName = new Dictionary<string, KaptureFiles.Record>(StringComparer.Ordinal);
        foreach (var r in sensors.Records) byName[r.ImagePath] = r;
        return new KaptureDepthMapSource(sensors, byName);
    }

    /// <summary>The depth file of a colour image name (relative to <c>records_data</c>).</summary>
    public static string DepthName(string colorName, string recordsPath) =>
        colorName.Contains(ColorSuffix, StringComparison.Ordinal) ? colorName.Replace(ColorSuffix, DepthSuffix, StringComparison.Ordinal)
            : throw new InvalidDataException($"{recordsPath}: map image '{colorName}' has no '{ColorSuffix}' in its name, so it has no '{DepthSuffix}' depth map");

    /// <summary>The map image with its depth-derived world points (pixels in the OpenCV convention).</summary>
    public VislocMapImage MapImage(string name)
    {
        var r = _byName[name];
        var cam = Sensors.Camera(r);
        var pose = Sensors.Pose(r) ?? throw new InvalidDataException(
            $"{Sensors.TrajectoriesPath}: no pose for timestamp {r.Timestamp}, sensor '{r.SensorId}' ('{name}'), directly or through rigs.txt");
        string records = Path.Combine(Sensors.Directory, "records_data");
        string imagePath = Path.Combine(records, name), depthPath = Path.Combine(records, DepthName(name, Sensors.RecordsPath));
        var (width, height) = MapImageFile.Size(imagePath, cam, Sensors.SensorsPath);
        var depth = KaptureDepthMap.Read(depthPath, width, height);
        var (pixels, points) = BackProject(depth, cam, pose);
        return new VislocMapImage(name, imagePath, cam, pose, pixels, points);
    }

    /// <summary>
    /// Back-projects every pixel with depth &gt; 0 at its integer pixel (u, v): X_cam = ((u − cx)/fx·z, (v − cy)/fy·z, z),
    /// then X_world = R_c2w X_cam + t_c2w; row-major pixel order. Deliberate deviation: non-finite depths (+∞) are
    /// skipped too (dust3r keeps +∞, which only ever yields unusable points). Output arrays are sized by a counting pass.
    /// </summary>
    internal static (double[] Pixels, double[] Points) BackProject(float[] depth, CameraIntrinsics cam, Pose worldToCamera)
    {
        var camToWorld = worldToCamera.Inverse();
        var r = camToWorld.Rotation;
        var t = camToWorld.Translation;
        int n = 0;
        foreach (float z in depth)
            if (Valid(z)) n++;
        var px = new double[2 * n];
        var xyz = new double[3 * n];
        int k = 0;
        for (int v = 0; v < cam.Height; v++)
            for (int u = 0; u < cam.Width; u++)
            {
                double z = depth[v * cam.Width + u];
                if (!Valid((float)z)) continue;
                double x = (u - cam.Cx) / cam.Fx * z, y = (v - cam.Cy) / cam.Fy * z;
                px[2 * k] = u;
                px[2 * k + 1] = v;
                for (int row = 0; row < 3; row++)
                    xyz[3 * k + row] = r[row, 0] * x + r[row, 1] * y + r[row, 2] * z + t[row];
                k++;
            }
        return (px, xyz);
    }

    private static bool Valid(float z) => z > 0 && float.IsFinite(z);
}
