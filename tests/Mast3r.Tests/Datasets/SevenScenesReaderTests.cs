using FluentAssertions;
using Mast3r.Datasets;
using Mast3r.Datasets.Kapture;
using Mast3r.Datasets.Synthetic;
using Mast3r.Datasets.Visloc;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Datasets;

[Trait("Category", "Unit")]
public sealed class SevenScenesReaderTests
{
    private static string Root => SyntheticLayoutRoots.Root("7scenes");

    private static string Dir => SyntheticLayoutRoots.Dataset("7scenes");

    [Fact]
    public void SyntheticSevenScenesLayoutPassesTheLayoutCheckAndQueriesCarryExactGroundTruth()
    {
        DatasetLayout.All["7scenes"].Missing(Root).Should().BeEmpty();
        var ds = VislocDataset.OpenSevenScenes(Dir, "chess");
        var manifest = SyntheticManifest.Load(Dir);
        ds.Queries.Should().HaveCount(8);
        foreach (var q in ds.Queries)
        {
            var truth = manifest.Find(q.ImagePath)!;
            q.GroundTruth!.CameraCenter().Zip(truth.WorldToCamera.CameraCenter(), (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-9);
            q.Camera.Cx.Should().BeApproximately(truth.Intrinsics.Cx, 1e-12);
            ds.Pairs[q.Name].Should().HaveCount(20);
        }
    }

    [Fact]
    public void MapImagePoseGoesThroughTheRigAndDepthBackProjectsOntoTheRenderedSurface()
    {
        var ds = VislocDataset.OpenSevenScenes(Dir, "chess");
        var manifest = SyntheticManifest.Load(Dir);
        var map = ds.MapImage(ds.Pairs[ds.Queries[0].Name][0]);
        var truth = manifest.Find(map.ImagePath)!;
        map.WorldToCamera.CameraCenter().Zip(truth.WorldToCamera.CameraCenter(), (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-9);
        var render = truth.Render(new SyntheticScene());
        int n = map.Pixels.Length / 2;
        n.Should().BeGreaterThan(render.Width * render.Height / 2).And.Be(map.Points.Length / 3);
        double worst = 0;
        for (int i = 0; i < n; i += 97)
        {
            int idx = (int)map.Pixels[2 * i + 1] * render.Width + (int)map.Pixels[2 * i];
            for (int c = 0; c < 3; c++) worst = Math.Max(worst, Math.Abs(map.Points[3 * i + c] - render.World[3 * idx + c]));
        }
        worst.Should().BeLessThan(1e-4, "float32 depth of a ≈10 m room is exact to about 1e-6 relative");
    }

    // A one-image 7-Scenes map, W = 3 ≠ H = 2 so a transposed reading shows: SIMPLE_PINHOLE f = 2, cx = 1, cy = 0.5
    // (used as written, no half-pixel shift), camera 1 m behind the world origin along z, a PNG of the image size and
    // the depth file written here byte by byte (little-endian float32, row-major). No records_depth.txt.
    private static (string Sensors, string Name) MiniMap(float[] depth, string name = "seq-01/frame-000000.color.png", int pngWidth = 3)
    {
        string sensors = Path.Combine(TestPaths.NewTempDir(), "mapping", "sensors");
        KaptureFiles.WriteSensors(Path.Combine(sensors, "sensors.txt"), new[] { ("kinect_rgb", "SIMPLE_PINHOLE", 3, 2, new[] { 2.0, 1.0, 0.5 }) });
        KaptureFiles.WriteRecords(Path.Combine(sensors, "records_camera.txt"), new[] { new KaptureFiles.Record(0, "kinect_rgb", name) });
        var worldToCamera = Mast3r.Geometry.Pose.FromQuaternion(1, 0, 0, 0, 0, 0, -1);
        KaptureFiles.WriteTrajectories(Path.Combine(sensors, "trajectories.txt"), new[] { (0L, "kinect_rgb", worldToCamera) });
        string image = Path.Combine(sensors, "records_data", name);
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        using (var mat = new OpenCvSharp.Mat(2, pngWidth, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(100)))
            OpenCvSharp.Cv2.ImWrite(image, mat);
        var bytes = new byte[4 * depth.Length];
        for (int i = 0; i < depth.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), depth[i]);
        if (name.Contains("color.png", StringComparison.Ordinal))
            File.WriteAllBytes(Path.Combine(sensors, "records_data", name.Replace("color.png", "depth.reg", StringComparison.Ordinal)), bytes);
        return (sensors, name);
    }

    [Fact]
    public void DepthRegNamedAfterTheColourImageIsReadRowMajorInMetresWithUnshiftedIntrinsics()
    {
        // Row v = 0: 2, 0, −1; row v = 1: NaN, 4, 1.5 — zero, negative and NaN depths are no observation.
        var (sensors, name) = MiniMap(new[] { 2f, 0f, -1f, float.NaN, 4f, 1.5f });
        var map = KaptureDepthMapSource.Read(sensors).MapImage(name);
        map.Camera.Cx.Should().Be(1.0);
        map.Camera.Cy.Should().Be(0.5);
        map.Pixels.Should().Equal(0, 0, 1, 1, 2, 1);
        // X_cam = ((u − 1)/2·z, (v − 0.5)/2·z, z), X_world = X_cam + (0, 0, 1).
        map.Points.Should().Equal(-1, -0.5, 3, 0, 1, 5, 0.75, 0.375, 2.5);
    }

    [Fact]
    public void DepthFileWithOneValueTooFewNamesTheFileAndBothByteCounts()
    {
        var (sensors, name) = MiniMap(new float[3 * 2 - 1]);
        string depth = Path.Combine(sensors, "records_data", "seq-01", "frame-000000.depth.reg");
        var act = () => KaptureDepthMapSource.Read(sensors).MapImage(name);
        act.Should().Throw<InvalidDataException>().WithMessage($"{depth}: 20 bytes, expected 24 (raw float32, 3×2 = 6 values, no header)");
    }

    [Fact]
    public void MissingDepthFileIsNamed()
    {
        var (sensors, name) = MiniMap(new float[6]);
        string depth = Path.Combine(sensors, "records_data", "seq-01", "frame-000000.depth.reg");
        File.Delete(depth);
        var act = () => KaptureDepthMapSource.Read(sensors).MapImage(name);
        act.Should().Throw<FileNotFoundException>().WithMessage($"*{depth}*");
    }

    [Fact]
    public void MapImageWithoutColorPngInItsNameIsRejectedNamingTheRecordsFile()
    {
        var (sensors, name) = MiniMap(new float[6], name: "seq-01/frame-000000.png");
        var act = () => KaptureDepthMapSource.Read(sensors).MapImage(name);
        act.Should().Throw<InvalidDataException>().WithMessage($"{Path.Combine(sensors, "records_camera.txt")}: map image 'seq-01/frame-000000.png' has no 'color.png'*");
    }

    [Fact]
    public void ColourImageOfAnotherSizeThanItsSensorNamesBothFiles()
    {
        var (sensors, name) = MiniMap(new float[6], pngWidth: 4);
        var act = () => KaptureDepthMapSource.Read(sensors).MapImage(name);
        act.Should().Throw<InvalidDataException>().WithMessage($"*frame-000000.color.png is 4×2 but its camera in {Path.Combine(sensors, "sensors.txt")} is 3×2");
    }

    [Fact]
    public void BackProjectionSkipsNonPositiveAndNonFiniteDepthAndUsesIntegerPixels()
    {
        var cam = new CameraIntrinsics(3, 2, 1, 1, 0.5, 0.5);
        var (px, xyz) = KaptureDepthMapSource.BackProject(new[] { 2f, 0f, -3f, float.NaN, 4f, float.PositiveInfinity }, cam, Mast3r.Geometry.Pose.Identity);
        px.Should().Equal(0, 0, 1, 1);
        xyz.Should().Equal(-1, -1, 2, 2, 2, 4);
    }
}
