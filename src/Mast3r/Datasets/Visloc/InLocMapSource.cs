using Mast3r.Datasets.Kapture;
using System.Numerics;
using Mast3r.IO;

namespace Mast3r.Datasets.Visloc;

/// <summary>
/// The InLoc database (protocols.md §1.1, §1.2 step 2): cutouts listed in <c>mapping/sensors</c> (kapture, poses in
/// <c>trajectories.txt</c>), each <c>&lt;cutout&gt;.jpg</c> with <c>&lt;cutout&gt;.jpg.mat</c> holding <c>XYZcut</c> (H×W×3, NaN where no scan point)
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

    /// <summary>
    /// The cutout with every scan pixel as an observation (dust3r_visloc inloc.py, <c>VislocInLoc.__getitem__</c>). Format
    /// facts: <c>&lt;image&gt;.jpg.mat</c> is a Level-5 MAT-file (scipy.io.loadmat), possibly miCOMPRESSED, whose
    /// variable <c>XYZcut</c> is H×W×3 (double or single, column-major in the file) for the H×W JPEG, NaN where the
    /// scan has no point; the 4×4 "After general icp:" matrix of the scan (second path component) in
    /// <c>mapping/DUC{1,2}_alignment/all_transformations.txt</c> is applied as an affine map; a pixel is valid when all
    /// three transformed coordinates are finite and is observed at its integer pixel (x, y).
    /// </summary>
    public VislocMapImage MapImage(string name)
    {
        var r = _byName[name];
        var cam = Sensors.Camera(r);
        var pose = Sensors.Pose(r) ?? throw new InvalidDataException(
            $"{Sensors.TrajectoriesPath}: no pose for timestamp {r.Timestamp}, sensor '{r.SensorId}' ('{name}')");
        var m = ScanToBuilding(name);
        string imagePath = Path.Combine(Sensors.Directory, "records_data", name);
        var (width, height) = MapImageFile.Size(imagePath, cam, Sensors.SensorsPath);
        string matPath = imagePath + ".mat";
        var xyz = ReadXyzCut(matPath, width, height, imagePath);
        var (pixels, points) = xyz.Data switch
        {
            double[] d => ToBuilding(d, width, height, m),
            float[] f => ToBuilding(f, width, height, m),
            _ => throw new InvalidDataException($"{matPath}: XYZcut is {xyz.Class}, expected double or single"),
        };
        return new VislocMapImage(name, imagePath, cam, pose, pixels, points);
    }

    // Building = first, scan id = second path component (dust3r splits the name on '/' after replacing '\').
    private double[] ScanToBuilding(string name)
    {
        var parts = name.Replace('\\', '/').Split('/');
        if (parts.Length < 3 || !_alignments.TryGetValue(parts[0], out var building))
            throw new InvalidDataException($"{Sensors.RecordsPath}: '{name}' is not <building>/<scan>/<cutout> with a building in {string.Join(", ", _alignments.Keys)}");
        return building.TryGetValue(parts[1], out var m) ? m : throw new InvalidDataException(
            $"{_alignmentPaths[parts[0]]}: no '{InLocAlignment.IcpMarker}' matrix for scan '{parts[1]}' (needed by '{name}')");
    }

    private static MatArray ReadXyzCut(string matPath, int width, int height, string imagePath)
    {
        if (!File.Exists(matPath)) throw new FileNotFoundException($"{matPath} is missing: every InLoc cutout needs its XYZcut scan file", matPath);
        if (!MatV5Reader.Read(matPath, new[] { "XYZcut" }).TryGetValue("XYZcut", out var xyz))
            throw new InvalidDataException($"{matPath}: no variable 'XYZcut' (found: {string.Join(", ", MatV5Reader.Read(matPath).Keys)})");
        var d = xyz.Dimensions;
        if (d.Length != 3 || d[0] != height || d[1] != width || d[2] != 3)
            throw new InvalidDataException($"{matPath}: XYZcut is {string.Join("×", d)}, expected {height}×{width}×3 (H×W×3 of {imagePath}, {width}×{height})");
        return xyz;
    }

    /// <summary>
    /// Moves the column-major H×W×3 <paramref name="xyzCut"/> to the building frame with the row-major 4×4
    /// <paramref name="m"/> (affine, as dust3r's geotrf) and keeps the pixels whose three transformed coordinates are
    /// finite, in row-major pixel order (numpy boolean indexing of the H×W×3 array). The output arrays are sized by a
    /// counting pass, so nothing grows or is copied.
    /// </summary>
    internal static (double[] Pixels, double[] Points) ToBuilding<T>(T[] xyzCut, int width, int height, double[] m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long plane = (long)width * height;
        int n = 0;
        for (long i = 0; i < plane; i++)
            if (Transform(xyzCut, i, plane, m, out _, out _, out _)) n++;
        var px = new double[2 * n];
        var pts = new double[3 * n];
        int k = 0;
        for (int v = 0; v < height; v++)
            for (int u = 0; u < width; u++)
            {
                if (!Transform(xyzCut, v + (long)height * u, plane, m, out double x, out double y, out double z)) continue;
                px[2 * k] = u;
                px[2 * k + 1] = v;
                pts[3 * k] = x;
                pts[3 * k + 1] = y;
                pts[3 * k + 2] = z;
                k++;
            }
        return (px, pts);
    }

    private static bool Transform<T>(T[] xyz, long i, long plane, double[] m, out double x, out double y, out double z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double a = double.CreateTruncating(xyz[i]), b = double.CreateTruncating(xyz[i + plane]), c = double.CreateTruncating(xyz[i + 2 * plane]);
        x = m[0] * a + m[1] * b + m[2] * c + m[3];
        y = m[4] * a + m[5] * b + m[6] * c + m[7];
        z = m[8] * a + m[9] * b + m[10] * c + m[11];
        return double.IsFinite(x) && double.IsFinite(y) && double.IsFinite(z);
    }
}
