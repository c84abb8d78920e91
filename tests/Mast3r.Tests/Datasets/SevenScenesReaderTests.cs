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

    [Fact]
    public void DepthMapOfTheWrongSizeNamesTheFileAndBothSizes()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "frame.depth.reg");
        KaptureDepthMap.Write(path, new float[10]);
        var act = () => KaptureDepthMap.Read(path, 4, 3);
        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*40 bytes, expected 48*4×3*");
    }

    [Fact]
    public void MissingDepthRecordsFileIsNamed()
    {
        string dir = TestPaths.NewTempDir();
        string sensors = Path.Combine(dir, "sensors");
        KaptureFiles.WriteSensors(Path.Combine(sensors, "sensors.txt"), new[] { ("cam", "PINHOLE", 4, 3, new[] { 2.0, 2.0, 2.0, 1.5 }) });
        KaptureFiles.WriteRecords(Path.Combine(sensors, "records_camera.txt"), new[] { new KaptureFiles.Record(0, "cam", "a.png") });
        KaptureFiles.WriteTrajectories(Path.Combine(sensors, "trajectories.txt"), new[] { (0L, "cam", Mast3r.Geometry.Pose.Identity) });
        var act = () => KaptureDepthMapSource.Read(sensors);
        act.Should().Throw<FileNotFoundException>().WithMessage($"*{Path.Combine(sensors, "records_depth.txt")}*");
    }

    [Fact]
    public void DepthRecordOfAnUnknownSensorNamesFileAndSensor()
    {
        string dir = TestPaths.NewTempDir();
        string sensors = Path.Combine(dir, "sensors");
        KaptureFiles.WriteSensors(Path.Combine(sensors, "sensors.txt"), new[] { ("cam", "PINHOLE", 4, 3, new[] { 2.0, 2.0, 2.0, 1.5 }) });
        KaptureFiles.WriteRecords(Path.Combine(sensors, "records_camera.txt"), new[] { new KaptureFiles.Record(0, "cam", "a.png") });
        KaptureFiles.WriteRecords(Path.Combine(sensors, "records_depth.txt"), new[] { new KaptureFiles.Record(0, "kinect_depth", "a.depth.reg") });
        KaptureFiles.WriteTrajectories(Path.Combine(sensors, "trajectories.txt"), new[] { (0L, "cam", Mast3r.Geometry.Pose.Identity) });
        var act = () => KaptureDepthMapSource.Read(sensors);
        act.Should().Throw<InvalidDataException>().WithMessage("*records_depth.txt*'kinect_depth'*not a depth sensor*");
    }

    [Fact]
    public void BackProjectionSkipsZeroAndNonFiniteDepthAndUsesPixelCentres()
    {
        var cam = new CameraIntrinsics(2, 2, 1, 1, 0.5, 0.5);
        var (px, xyz) = KaptureDepthMapSource.BackProject(new[] { 2f, 0f, float.NaN, 4f }, cam, Mast3r.Geometry.Pose.Identity);
        px.Should().Equal(0, 0, 1, 1);
        xyz.Should().Equal(-1, -1, 2, 2, 2, 4);
    }
}
