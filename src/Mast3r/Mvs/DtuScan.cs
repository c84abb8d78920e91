using System.Globalization;
using Mast3r.Geometry;

namespace Mast3r.Mvs;

/// <summary>One DTU view: rectified image and its calibrated camera (world = the DTU frame, millimetres).</summary>
internal sealed record DtuView(string Name, string ImagePath, PinholeCamera Camera, Pose WorldToCamera);

/// <summary>
/// A DTU scan of the official "MVS Data" layout (protocols.md §4.1): images <c>Rectified/scanN/rect_VVV_L_r5000.png</c>
/// and projection matrices <c>Calibration/cal18/pos_VVV.txt</c> (3×4, P = K[R|t], pixels in the OpenCV convention —
/// unverified naming and convention, as protocols.md notes). One lighting index for every view (default 3, the
/// well-exposed middle light; the paper does not say which).
/// </summary>
internal sealed record DtuScan(int Number, IReadOnlyList<DtuView> Views)
{
    /// <summary>The 22 test scans of the learning-based MVS methods the paper compares with (protocols.md §4.1, inferred).</summary>
    public static IReadOnlyList<int> TestScans { get; } = new[] { 1, 4, 9, 10, 11, 12, 13, 15, 23, 24, 29, 32, 33, 34, 48, 49, 62, 75, 77, 110, 114, 118 };

    /// <summary>Scan numbers with a <c>Rectified/scanN</c> folder under <paramref name="root"/>.</summary>
    public static List<int> Available(string root)
    {
        string dir = Path.Combine(root, "Rectified");
        if (!Directory.Exists(dir)) return new List<int>();
        return Directory.GetDirectories(dir, "scan*").Select(d => Path.GetFileName(d)[4..])
            .Where(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _)).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order().ToList();
    }

    /// <summary>Every view of a scan whose image (at <paramref name="light"/>) and projection matrix exist.</summary>
    public static DtuScan Read(string root, int scan, int light = 3)
    {
        string imageDir = Path.Combine(root, "Rectified", $"scan{scan}");
        string calDir = Path.Combine(root, "Calibration", "cal18");
        if (!Directory.Exists(imageDir)) throw new DirectoryNotFoundException($"DTU images not found: {imageDir}");
        var views = new List<DtuView>();
        for (int v = 1; v <= 64; v++)
        {
            string image = Path.Combine(imageDir, $"rect_{v:D3}_{light}_r5000.png");
            string cal = Path.Combine(calDir, $"pos_{v:D3}.txt");
            if (!File.Exists(image)) continue;
            if (!File.Exists(cal)) throw new FileNotFoundException($"DTU calibration not found for {image}: {cal}", cal);
            var (camera, pose) = Decompose(ReadProjection(cal), cal);
            views.Add(new DtuView($"{v:D3}", image, camera, pose));
        }
        if (views.Count < 2) throw new InvalidDataException($"{imageDir}: fewer than 2 views with light index {light} (rect_VVV_{light}_r5000.png)");
        return new DtuScan(scan, views);
    }

    /// <summary>The 3×4 projection matrix of a <c>pos_VVV.txt</c> (12 numbers, row-major, whitespace-separated).</summary>
    public static double[,] ReadProjection(string path)
    {
        var numbers = new List<double>();
        int lineNo = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNo++;
            foreach (string f in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
                    throw new InvalidDataException($"{path}:{lineNo}: '{f}' is not a finite number");
                numbers.Add(x);
            }
        }
        if (numbers.Count != 12) throw new InvalidDataException($"{path}: expected 12 numbers (3×4 projection matrix), found {numbers.Count}");
        var p = new double[3, 4];
        for (int i = 0; i < 12; i++) p[i / 4, i % 4] = numbers[i];
        return p;
    }

    /// <summary>P = λ·K[R|t] → K (positive diagonal, K₃₃ = 1; skew dropped) and the world→camera pose (OpenCV RQ).</summary>
    public static (PinholeCamera Camera, Pose WorldToCamera) Decompose(double[,] p, string source)
    {
        using var pm = CvInterop.Matrix(p);
        using var km = new OpenCvSharp.Mat();
        using var rm = new OpenCvSharp.Mat();
        using var cm = new OpenCvSharp.Mat();
        OpenCvSharp.Cv2.DecomposeProjectionMatrix(pm, km, rm, cm);
        var k = CvInterop.ToArray(km);
        var r = CvInterop.ToArray(rm);
        var c = CvInterop.ToArray(cm);
        // Make K's diagonal positive (RQ is unique up to signs); the sign of λ shows as det(R) = −1.
        for (int i = 0; i < 3; i++)
            if (k[i, i] < 0)
                for (int j = 0; j < 3; j++) { k[j, i] = -k[j, i]; r[i, j] = -r[i, j]; }
        if (Rotation3.Determinant(r) < 0)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) r[i, j] = -r[i, j];
        if (Math.Abs(c[3, 0]) < 1e-300) throw new InvalidDataException($"{source}: the camera centre is at infinity");
        var centre = new[] { c[0, 0] / c[3, 0], c[1, 0] / c[3, 0], c[2, 0] / c[3, 0] };
        var t = Rotation3.Apply(r, centre);
        double s = k[2, 2];
        return (new PinholeCamera(k[0, 0] / s, k[1, 1] / s, k[0, 2] / s, k[1, 2] / s), new Pose(r, new[] { -t[0], -t[1], -t[2] }));
    }
}
