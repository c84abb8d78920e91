using FluentAssertions;
using Mast3r.Datasets;
using Mast3r.Datasets.Kapture;
using Mast3r.Datasets.Synthetic;
using Mast3r.Datasets.Visloc;
using Mast3r.Tests.TestSupport;
using Xunit;
using B = Mast3r.Tests.IO.MatFileBuilder;

namespace Mast3r.Tests.Datasets;

[Trait("Category", "Unit")]
public sealed class InLocReaderTests
{
    private static string Root => SyntheticLayoutRoots.Root("inloc");

    private static string Dir => SyntheticLayoutRoots.Dataset("inloc");

    [Fact]
    public void SyntheticInLocLayoutPassesTheLayoutCheckAndHlocPairsLoseTheirPrefixes()
    {
        DatasetLayout.All["inloc"].Missing(Root).Should().BeEmpty();
        var ds = VislocDataset.OpenInLoc(Dir);
        var manifest = SyntheticManifest.Load(Dir);
        ds.Queries.Should().HaveCount(8).And.OnlyContain(q => q.Name.StartsWith("iphone7/", StringComparison.Ordinal));
        foreach (var q in ds.Queries)
        {
            var truth = manifest.Find(q.ImagePath)!;
            q.GroundTruth!.CameraCenter().Zip(truth.WorldToCamera.CameraCenter(), (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-9);
            q.Camera.Cx.Should().Be(truth.Intrinsics.Cx, "InLoc sensors are read without the half-pixel shift and written that way");
            ds.Pairs[q.Name].Should().OnlyContain(m => m.StartsWith("DUC1/", StringComparison.Ordinal) || m.StartsWith("DUC2/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void XyzCutPointsAreMovedFromTheScanFrameOntoTheRenderedSurface()
    {
        var ds = VislocDataset.OpenInLoc(Dir);
        var manifest = SyntheticManifest.Load(Dir);
        foreach (string name in new[] { "DUC1/002/DUC_cutout_002_30_0.jpg", "DUC2/004/DUC_cutout_004_0_0.jpg" })
        {
            var map = ds.MapImage(name);
            var render = manifest.Find(map.ImagePath)!.Render(new SyntheticScene());
            int n = map.Pixels.Length / 2;
            n.Should().BeGreaterThan(render.Width * render.Height / 2);
            double worst = 0;
            for (int i = 0; i < n; i += 89)
            {
                int idx = (int)map.Pixels[2 * i + 1] * render.Width + (int)map.Pixels[2 * i];
                for (int c = 0; c < 3; c++) worst = Math.Max(worst, Math.Abs(map.Points[3 * i + c] - render.World[3 * idx + c]));
            }
            worst.Should().BeLessThan(1e-9, name);
        }
    }

    [Fact]
    public void AlignmentMatrixWithAMissingValueNamesFileLineAndScan()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "all_transformations.txt");
        File.WriteAllText(path, "005\nsome header\nAfter general icp:\n1 0 0 0\n0 1 0\n0 0 1 0\n0 0 0 1\n");
        var act = () => InLocAlignment.Read(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"{path}, line 5: scan 005: expected 4 matrix values, found 3");
    }

    [Fact]
    public void AlignmentReadsTheMatrixAfterTheIcpMarkerOfEachScan()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "all_transformations.txt");
        File.WriteAllText(path, "005\nBefore:\n9 9 9 9\nAfter general icp:\n1 0 0 2\n0 1 0 3\n0 0 1 4\n0 0 0 1\n\n017\nAfter general icp:\n0 -1 0 0\n1 0 0 0\n0 0 1 0\n0 0 0 1\n");
        var m = InLocAlignment.Read(path);
        m["005"].Should().Equal(1, 0, 0, 2, 0, 1, 0, 3, 0, 0, 1, 4, 0, 0, 0, 1);
        var (px, pts) = InLocMapSource.ToBuilding(new[] { 1.0, double.NaN, 2.0, 5.0, 3.0, 6.0 }, 1, 2, m["017"]);
        px.Should().Equal(0, 0);
        pts.Should().Equal(-2, 1, 3);
    }

    [Fact]
    public void PixelIsValidOnlyWhenItsTransformedPointIsFinite()
    {
        var (scaledPx, scaledPts) = InLocMapSource.ToBuilding(new[] { 1e308, 1.0, 0, 0, 0, 0 }, 1, 2,
            new double[] { 10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 });
        // Validity is decided after the transform: 10·1e308 overflows to +∞, so pixel (0, 0) is dropped.
        scaledPx.Should().Equal(0, 1);
        scaledPts.Should().Equal(10, 0, 0);
    }

    // A one-cutout InLoc map, W = 3 ≠ H = 2: SIMPLE_PINHOLE sensor, identity pose, DUC1 scan 005 aligned by
    // (x, y, z) → (−y + 2, x + 3, z + 4), a DUC2 file without that scan, and the cutout JPEG (size given).
    private static (string Root, string ImagePath) MiniMap(string name = "DUC1/005/DUC_cutout_005_0_0.jpg", int jpegWidth = 3)
    {
        string root = TestPaths.NewTempDir();
        string sensors = Path.Combine(root, "mapping", "sensors");
        KaptureFiles.WriteSensors(Path.Combine(sensors, "sensors.txt"), new[] { ("cutout", "SIMPLE_PINHOLE", 3, 2, new[] { 2.0, 1.0, 0.5 }) });
        KaptureFiles.WriteRecords(Path.Combine(sensors, "records_camera.txt"), new[] { new KaptureFiles.Record(0, "cutout", name) });
        KaptureFiles.WriteTrajectories(Path.Combine(sensors, "trajectories.txt"), new[] { (0L, "cutout", Mast3r.Geometry.Pose.Identity) });
        InLocAlignment.Write(Path.Combine(root, "mapping", "DUC1_alignment", "all_transformations.txt"),
            new[] { ("005", new double[] { 0, -1, 0, 2, 1, 0, 0, 3, 0, 0, 1, 4, 0, 0, 0, 1 }) });
        InLocAlignment.Write(Path.Combine(root, "mapping", "DUC2_alignment", "all_transformations.txt"),
            new[] { ("001", new double[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 }) });
        string image = Path.Combine(sensors, "records_data", name);
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        using (var mat = new OpenCvSharp.Mat(2, jpegWidth, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(100)))
            OpenCvSharp.Cv2.ImWrite(image, mat);
        return (root, image);
    }

    // Scan point of pixel (u, v): (u + 10v, u/2, 1 + v); pixel (1, 0) has no point, pixel (2, 1) lacks only z.
    // Column-major H×W×3 as MATLAB stores it: element (v, u, c) at v + 2·u + 6·c.
    private static double[] XyzCut()
    {
        var data = new double[18];
        for (int u = 0; u < 3; u++)
            for (int v = 0; v < 2; v++)
            {
                int i = v + 2 * u;
                bool none = u == 1 && v == 0;
                data[i] = none ? double.NaN : u + 10 * v;
                data[i + 6] = none ? double.NaN : u / 2.0;
                data[i + 12] = none || (u == 2 && v == 1) ? double.NaN : 1 + v;
            }
        return data;
    }

    private static byte[] MatFile(int[] dims, double[] values, bool single, bool compressed)
    {
        var payload = single ? B.Element(B.MiSingle, B.Singles(values.Select(v => (float)v).ToArray())) : B.Element(B.MiDouble, B.Doubles(values));
        var matrix = B.Matrix("XYZcut", single ? B.ClassSingle : B.ClassDouble, false, dims, payload);
        return new B().Add(compressed ? B.Compressed(matrix) : matrix).Build();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void XyzCutAsDoubleOrSingleCompressedOrNotGivesEveryFinitePixelInTheBuildingFrame(bool single, bool compressed)
    {
        var (root, image) = MiniMap();
        File.WriteAllBytes(image + ".mat", MatFile(new[] { 2, 3, 3 }, XyzCut(), single, compressed));
        var map = InLocMapSource.Read(root, new[] { "DUC1", "DUC2" }).MapImage("DUC1/005/DUC_cutout_005_0_0.jpg");
        map.ImagePath.Should().Be(image);
        map.Pixels.Should().Equal(0, 0, 2, 0, 0, 1, 1, 1);
        map.Points.Should().Equal(2, 3, 5, 1, 5, 5, 2, 13, 6, 1.5, 14, 6);
    }

    [Theory]
    [InlineData(new[] { 3, 2, 3 }, "3×2×3")]
    [InlineData(new[] { 2, 9 }, "2×9")]
    public void XyzCutOfAnotherShapeThanTheJpegNamesTheMatFileAndBothShapes(int[] dims, string shape)
    {
        var (root, image) = MiniMap();
        File.WriteAllBytes(image + ".mat", MatFile(dims, XyzCut(), single: false, compressed: true));
        var act = () => InLocMapSource.Read(root, new[] { "DUC1", "DUC2" }).MapImage("DUC1/005/DUC_cutout_005_0_0.jpg");
        act.Should().Throw<InvalidDataException>().WithMessage($"{image}.mat: XYZcut is {shape}, expected 2×3×3 (H×W×3 of {image}, 3×2)");
    }

    [Fact]
    public void CutoutJpegOfAnotherSizeThanItsSensorNamesBothFiles()
    {
        var (root, image) = MiniMap(jpegWidth: 4);
        File.WriteAllBytes(image + ".mat", MatFile(new[] { 2, 3, 3 }, XyzCut(), single: false, compressed: true));
        var act = () => InLocMapSource.Read(root, new[] { "DUC1", "DUC2" }).MapImage("DUC1/005/DUC_cutout_005_0_0.jpg");
        act.Should().Throw<InvalidDataException>().WithMessage($"{image} is 4×2 but its camera in {Path.Combine(root, "mapping", "sensors", "sensors.txt")} is 3×2");
    }

    [Fact]
    public void MissingMatFileIsNamed()
    {
        var (root, image) = MiniMap();
        var act = () => InLocMapSource.Read(root, new[] { "DUC1", "DUC2" }).MapImage("DUC1/005/DUC_cutout_005_0_0.jpg");
        act.Should().Throw<FileNotFoundException>().WithMessage($"{image}.mat is missing*");
    }

    [Fact]
    public void ScanWithoutAnAlignmentNamesTheAlignmentFileAndTheScan()
    {
        var (root, _) = MiniMap(name: "DUC1/007/DUC_cutout_007_0_0.jpg");
        var act = () => InLocMapSource.Read(root, new[] { "DUC1", "DUC2" }).MapImage("DUC1/007/DUC_cutout_007_0_0.jpg");
        act.Should().Throw<InvalidDataException>().WithMessage(
            $"{Path.Combine(root, "mapping", "DUC1_alignment", "all_transformations.txt")}: no 'After general icp:' matrix for scan '007'*");
    }

    [Fact]
    public void MatFileWithoutXyzCutNamesTheFileAndTheVariablesItHas()
    {
        var (root, image) = MiniMap();
        File.WriteAllBytes(image + ".mat", new B().Add(B.Compressed(B.Matrix("RGBcut", B.ClassUInt8, false, [2, 3, 3], B.Element(B.MiUInt8, new byte[18])))).Build());
        var act = () => InLocMapSource.Read(root, new[] { "DUC1", "DUC2" }).MapImage("DUC1/005/DUC_cutout_005_0_0.jpg");
        act.Should().Throw<InvalidDataException>().WithMessage($"{image}.mat: no variable 'XYZcut' (found: RGBcut)");
    }
}
