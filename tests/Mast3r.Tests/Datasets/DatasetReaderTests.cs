using FluentAssertions;
using Mast3r.Datasets;
using Mast3r.Datasets.Colmap;
using Mast3r.Datasets.Kapture;
using Mast3r.Datasets.MapFree;
using Mast3r.Datasets.Synthetic;
using Mast3r.Datasets.Visloc;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Datasets;

[Trait("Category", "Unit")]
public sealed class DatasetReaderTests
{
    [Fact]
    public void KapturePairsAreSortedByDescendingScoreStablyPerQuery()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "pairs.txt");
        File.WriteAllText(path, "# query_image, map_image, score\nq1.jpg, a.jpg, 0.5\nq1.jpg, b.jpg, 0.9\nq1.jpg, c.jpg, 0.5\nq2.jpg, d.jpg, 1\n");
        var pairs = PairsFile.Read(path);
        pairs["q1.jpg"].Should().Equal("b.jpg", "a.jpg", "c.jpg");
        pairs["q2.jpg"].Should().Equal("d.jpg");
    }

    [Fact]
    public void HlocPairsKeepFileOrderAndLoseTheirPrefixes()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "pairs-query-netvlad40-temporal.txt");
        File.WriteAllText(path, "query/iphone7/IMG_0894.JPG database/cutouts/DUC1/004/DUC_cutout_004_90_0.jpg\nquery/iphone7/IMG_0894.JPG database/cutouts/DUC2/010/x.jpg\n");
        PairsFile.Read(path)["iphone7/IMG_0894.JPG"].Should().Equal("DUC1/004/DUC_cutout_004_90_0.jpg", "DUC2/010/x.jpg");
    }

    [Fact]
    public void MalformedLinesNameFileAndLine()
    {
        string dir = TestPaths.NewTempDir();
        string pairs = Path.Combine(dir, "p.txt");
        File.WriteAllText(pairs, "# header\nq.jpg, m.jpg, high\n");
        var act = () => PairsFile.Read(pairs);
        act.Should().Throw<InvalidDataException>().WithMessage($"{pairs}, line 2: score 'high' is not a number");

        string sensors = Path.Combine(dir, "sensors.txt");
        File.WriteAllText(sensors, "# kapture format: 1.1\ncam0, cam0, camera, FISHEYE, 10, 10, 1, 2\n");
        var act2 = () => KaptureFiles.ReadSensors(sensors);
        act2.Should().Throw<InvalidDataException>().WithMessage($"{sensors}, line 2: unsupported camera model 'FISHEYE'*");
    }

    [Fact]
    public void MissingFilesAreNamed()
    {
        string dir = TestPaths.NewTempDir();
        var act = () => ColmapModel.Read(dir);
        act.Should().Throw<FileNotFoundException>().WithMessage($"Required file not found: {Path.Combine(dir, "cameras.txt")}");
        DatasetLayout.All["aachen"].Missing(dir).Should().Contain(Path.Combine(dir, "aachen", "pairsfile/query/fire_top50.txt"));
    }

    [Fact]
    public void ColmapKeypointsAreShiftedToTheOpenCvPixelConvention()
    {
        string dir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "cameras.txt"), "1 SIMPLE_RADIAL 1600 1200 1469.2 800 600 -0.0353\n");
        File.WriteAllText(Path.Combine(dir, "points3D.txt"), "7 1 2 3 0 0 0 0 1 0\n");
        File.WriteAllText(Path.Combine(dir, "images.txt"), "1 1 0 0 0 0 0 0 1 db/1.jpg\n10.5 20.5 7 30 40 -1\n");
        var model = ColmapModel.Read(dir);
        var (px, xyz) = model.Observations(model.ImagesByName["db/1.jpg"]);
        px.Should().Equal(10, 20);
        xyz.Should().Equal(1, 2, 3);
        model.Cameras[1].Intrinsics().Should().Be(new CameraIntrinsics(1600, 1200, 1469.2, 1469.2, 799.5, 599.5, -0.0353));
    }

    [Fact]
    public void SyntheticAachenLayoutPassesTheLayoutCheckAndReadsBackWithExactGroundTruth()
    {
        string root = TestPaths.NewTempDir();
        string dir = SyntheticLayouts.Write("aachen", root);
        DatasetLayout.All["aachen"].Missing(root).Should().BeEmpty();
        var day = VislocDataset.OpenAachen(dir, "day");
        var night = VislocDataset.OpenAachen(dir, "night");
        day.Queries.Should().HaveCount(6).And.OnlyContain(q => q.Name.Contains("day") && q.GroundTruth != null);
        night.Queries.Should().HaveCount(6);
        var manifest = SyntheticManifest.Load(dir);
        foreach (var q in day.Queries)
        {
            var truth = manifest.Find(q.ImagePath)!.WorldToCamera;
            q.GroundTruth!.CameraCenter().Zip(truth.CameraCenter(), (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-9);
            q.Camera.Cx.Should().Be(manifest.Find(q.ImagePath)!.Intrinsics.Cx);
        }
        var map = day.MapImage(day.Pairs[day.Queries[0].Name][0]);
        map.Points.Length.Should().Be(map.Pixels.Length / 2 * 3).And.BeGreaterThan(300);
    }

    [Fact]
    public void SyntheticMapFreeValHasPublicPosesAndTestHidesThem()
    {
        string root = TestPaths.NewTempDir();
        string dir = SyntheticLayouts.Write("mapfree", root);
        var val = MapFreeScene.Read(Path.Combine(dir, "val", "s00460"));
        val.Queries.Should().HaveCount(10).And.OnlyContain(f => f.Pose != null);
        val.EvaluatedQueries.Select(f => f.FrameNumber).Should().Equal(0, 5);
        var test = MapFreeScene.Read(Path.Combine(dir, "test", "s00462"));
        test.Queries.Should().OnlyContain(f => f.Pose == null);
        File.Exists(Path.Combine(dir, "test_ground_truth", "s00462", "poses.txt")).Should().BeTrue();
    }

    [Fact]
    public void EveryExperimentDatasetHasALayout()
    {
        DatasetLayout.ByExperiment.Values.SelectMany(v => v).Should().OnlyContain(k => DatasetLayout.All.ContainsKey(k));
        DatasetLayout.ByExperiment.Keys.Should().BeEquivalentTo("visloc", "mapfree", "relpose", "mvs", "matching");
    }
}
