using BenchmarkDotNet.Attributes;
using Mast3r.Datasets.Kapture;
using Mast3r.Datasets.Visloc;
using Mast3r.Geometry;
using Mast3r.IO;

namespace Mast3r.Benchmarks;

/// <summary>
/// Loading one InLoc map image at the real cutout size: a 1600×1200 <c>XYZcut</c> (≈ 70 % of the pixels hold a scan
/// point, the rest NaN) in a zlib-compressed Level-5 MAT-file, as MATLAB saves it by default, moved to the building
/// frame by a non-identity alignment. Measures the time and managed allocation per map image of
/// <see cref="InLocMapSource.MapImage"/> (MAT read + inflate + transform + the 2-D/3-D arrays it returns).
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
[MemoryDiagnoser]
public class InLocMapBenchmarks
{
    private const int Width = 1600, Height = 1200;
    private const string Name = "DUC1/005/DUC_cutout_005_0_0.jpg";
    private string _root = null!;
    private InLocMapSource _source = null!;
    private string _matPath = null!;

    /// <summary>XYZcut stored as single instead of double (both load with scipy; the reader keeps the stored class).</summary>
    [Params(false, true)]
    public bool Single { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "mast3r-inloc-bench-" + Guid.NewGuid().ToString("N"));
        string sensors = Path.Combine(_root, "mapping", "sensors");
        KaptureFiles.WriteSensors(Path.Combine(sensors, "sensors.txt"),
            new[] { ("cutout", "SIMPLE_PINHOLE", Width, Height, new[] { 1385.0, 800.0, 600.0 }) });
        KaptureFiles.WriteRecords(Path.Combine(sensors, "records_camera.txt"), new[] { new KaptureFiles.Record(0, "cutout", Name) });
        KaptureFiles.WriteTrajectories(Path.Combine(sensors, "trajectories.txt"), new[] { (0L, "cutout", Pose.Identity) });
        var align = new[] { 0.0, -1, 0, 2, 1, 0, 0, 3, 0, 0, 1, 4, 0, 0, 0, 1 };
        foreach (var b in new[] { "DUC1", "DUC2" })
            InLocAlignment.Write(Path.Combine(_root, "mapping", $"{b}_alignment", "all_transformations.txt"), new[] { ("005", align) });
        string image = Path.Combine(sensors, "records_data", Name);
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        using (var gray = new OpenCvSharp.Mat(Height, Width, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(128)))
            OpenCvSharp.Cv2.ImWrite(image, gray);
        var xyz = XyzCut();
        Array data = Single ? Array.ConvertAll(xyz, v => (float)v) : xyz;
        _matPath = image + ".mat";
        MatV5Writer.Write(_matPath, new[] { new MatV5Writer.Variable("XYZcut", new[] { Height, Width, 3 }, data) });
        _source = InLocMapSource.Read(_root, new[] { "DUC1", "DUC2" });
    }

    // A smooth room-like surface in the scan frame; a deterministic 30 % of the pixels (and the top rows, as with a
    // ceiling the scanner missed) are NaN.
    private static double[] XyzCut()
    {
        var data = new double[Width * Height * 3];
        var rng = new Random(7);
        long plane = (long)Width * Height;
        for (int u = 0; u < Width; u++)
            for (int v = 0; v < Height; v++)
            {
                long i = v + (long)Height * u;
                bool valid = v >= 120 && rng.NextDouble() < 0.78;
                double z = 3 + Math.Sin(u / 200.0) + 0.5 * Math.Cos(v / 150.0);
                data[i] = valid ? (u - 800) / 1385.0 * z : double.NaN;
                data[i + plane] = valid ? (v - 600) / 1385.0 * z : double.NaN;
                data[i + 2 * plane] = valid ? z : double.NaN;
            }
        return data;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Description = "InLoc map image, 1600×1200 XYZcut (compressed)")]
    public int MapImage() => _source.MapImage(Name).Points.Length;

    [Benchmark(Description = "its MAT-file read alone (inflate into the typed array)")]
    public long ReadMat() => MatV5Reader.Read(_matPath)["XYZcut"].Count;
}
