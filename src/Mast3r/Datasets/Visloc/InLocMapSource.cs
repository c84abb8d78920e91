using Mast3r.Datasets.Kapture;
using Mast3r.IO;

namespace Mast3r.Datasets.Visloc;

/// <summary>
/// The InLoc database (protocols.md §1.1, §1.2 step 2): cutouts listed in <c>mapping/sensors</c> (kapture, poses in
/// <c>trajectories.txt</c>), each with <c>&lt;image&gt;.mat</c> holding <c>XYZcut</c> (H×W×3, NaN where no scan point)
/// in the scan frame; the scan→building matrix of <c>mapping/&lt;building&gt;_alignment/all_transformations.txt</c>
/// (building = first, scan id = second path component) moves every valid pixel's point to the building frame.
/// </summary>
internal sealed class InLocMapSource
{
    private readonly Dictionary<string, KaptureFiles.Record> _byName;
    private readonly Dictionary<string, Dictionary<string, double[]>> _alignments;
    private readonly Dictionary<string, string> _alignmentPaths;

    private InLocMapSource(KaptureSensorData sensors, Dictionary<string, KaptureFiles.Record> byName,
        Dictionary<string, Dictionary<string, double[]>> alignments, Dictionary<string, string> alignmentPaths)
    {
        Sensors = sensors;
        _byName = byName;
        _alignments = alignments;
        _alignmentPaths = alignmentPaths;
    }

    public KaptureSensorData Sensors { get; }
    public IEnumerable<string> Files => Sensors.Files.Concat(_alignmentPaths.Values);
    public bool Contains(string name) => _byName.ContainsKey(name);

    public static InLocMapSource Read(string root, IEnumerable<string> buildings)
    {
        // dust3r reads InLoc intrinsics without the COLMAP → OpenCV half-pixel shift (protocols.md §1.1).
        var sensors = KaptureSensorData.Read(Path.Combine(root, "mapping", "sensors"), shiftHalfPixel: false);
        if (!sensors.HasTrajectories)
            throw new InvalidDataException($"{sensors.TrajectoriesPath} is missing: the cutouts need poses");
        var alignments = new Dictionary<string, Dictionary<string, double[]>>(StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var b in buildings)
        {
            paths[b] = Path.Combine(root, "mapping", $"{b}_alignment", "all_transformations.txt");
            alignments[b] = InLocAlignment.Read(paths[b]);
        }
        var byName = new Dictionary<string, KaptureFiles.Record>(StringComparer.Ordinal);
        foreach (var r in sensors.Records) byName[r.ImagePath] = r;
        return new InLocMapSource(sensors, byName, alignments, paths);
    }

    public VislocMapImage MapImage(string name)
    {
        var r = _byName[name];
        var cam = Sensors.Camera(r);
        var pose = Sensors.Pose(r) ?? throw new InvalidDataException(
            $"{Sensors.TrajectoriesPath}: no pose for timestamp {r.Timestamp}, sensor '{r.SensorId}' ('{name}')");
        var parts = name.Split('/');
        if (parts.Length < 3 || !_alignments.TryGetValue(parts[0], out var building))
            throw new InvalidDataException($"{Sensors.RecordsPath}: '{name}' is not <building>/<scan>/<cutout> with a building in {string.Join(", ", _alignments.Keys)}");
        if (!building.TryGetValue(parts[1], out var m))
            throw new InvalidDataException($"{_alignmentPaths[parts[0]]}: no '{InLocAlignment.IcpMarker}' matrix for scan '{parts[1]}' (needed by '{name}')");
        string imagePath = Path.Combine(Sensors.Directory, "records_data", name);
        string matPath = imagePath + ".mat";
        var vars = MatV5Reader.Read(matPath);
        if (!vars.TryGetValue("XYZcut", out var xyz))
            throw new InvalidDataException($"{matPath}: no variable 'XYZcut' (found: {string.Join(", ", vars.Keys)})");
        if (xyz.Dimensions.Length != 3 || xyz.Dimensions[0] != cam.Height || xyz.Dimensions[1] != cam.Width || xyz.Dimensions[2] != 3)
            throw new InvalidDataException($"{matPath}: XYZcut is {string.Join("×", xyz.Dimensions)}, expected {cam.Height}×{cam.Width}×3 (the cutout's size in {Sensors.SensorsPath})");
        var (pixels, points) = ToBuilding(xyz.ToDoubles(), cam.Width, cam.Height, m);
        return new VislocMapImage(name, imagePath, cam, pose, pixels, points);
    }

    // XYZcut is column-major H×W×3 (MATLAB); every pixel with a finite point is kept, as a pixel-centre observation.
    internal static (double[] Pixels, double[] Points) ToBuilding(double[] xyzCut, int width, int height, double[] m)
    {
        var px = new List<double>();
        var pts = new List<double>();
        long plane = (long)width * height;
        for (int v = 0; v < height; v++)
            for (int u = 0; u < width; u++)
            {
                long i = v + (long)height * u;
                double x = xyzCut[i], y = xyzCut[i + plane], z = xyzCut[i + 2 * plane];
                if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(z)) continue;
                px.Add(u); px.Add(v);
                for (int row = 0; row < 3; row++) pts.Add(m[4 * row] * x + m[4 * row + 1] * y + m[4 * row + 2] * z + m[4 * row + 3]);
            }
        return (px.ToArray(), pts.ToArray());
    }
}
