using FluentAssertions;
using Mast3r.Datasets.MapFree;
using Mast3r.Datasets.Synthetic;
using Mast3r.Geometry;
using Mast3r.Localization;
using Mast3r.Reproduction;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Localization;

/// <summary>
/// The map-free pipeline's DPT-depth and 3-D matching modes on the synthetic map-free layout with the ground-truth
/// oracle (exact pointmaps and descriptors) and the layout's exact <c>*.dptkitti.png</c> depth: the same ≥ 99 %
/// thresholds as the synthetic experiment row (repro/ExpectedResults/mapfree.yaml).
/// </summary>
[Trait("Category", "Integration")]
public sealed class MapFreePipelineTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Modes => new()
    {
        { MapFreePipeline.Settings.FeatMatch, MapFreePipeline.Settings.DptKittiDepth },
        { MapFreePipeline.Settings.PointsMatch, MapFreePipeline.Settings.DptKittiDepth },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void OracleRelocalisesEverySyntheticFrame(string match, string depth)
    {
        string dir = SyntheticLayoutRoots.Dataset("mapfree");
        var scenes = Scenes(dir);
        var settings = new MapFreePipeline.Settings(ImageSize: 256, Match: match, Depth: depth);
        var cache = ResultCache.Open(Path.Combine(TestPaths.NewTempDir(), "cache"), new Dictionary<string, string> { ["settings"] = settings.CacheText() });

        var estimates = new MapFreePipeline(new GroundTruthOraclePredictor(SyntheticManifest.Load(dir)), settings).Run(scenes, cache);

        estimates.Should().HaveCount(8).And.OnlyContain(e => e.Estimate != null && e.Matches > 100);
        var frames = estimates.Select(e => new MapFreeMetrics.Frame(e.Scene, e.Frame.Pose!, e.Estimate, e.Confidence, e.Frame.Camera)).ToList();
        foreach (var f in frames)
        {
            var err = MapFreeMetrics.Errors(f.GroundTruth, f.Estimate!, f.K);
            output.WriteLine($"{f.Scene}: t {err.Translation:F4} m, r {err.RotationDeg:F3}°, vcre {err.Vcre:F2} px");
        }
        var metrics = MapFreeMetrics.Aggregate(frames);
        metrics["pose_precision"].Should().BeGreaterThanOrEqualTo(99.0);
        metrics["vcre_precision"].Should().BeGreaterThanOrEqualTo(99.0);
    }

    [Fact]
    public void ModesAreValidatedAndPartOfTheCacheKey()
    {
        var feat = new MapFreePipeline.Settings();
        feat.CacheText().Should().Contain("mapfree/v3").And.Contain("match=feat").And.Contain("depth=auto");
        (feat with { Match = "3d" }).CacheText().Should().NotBe(feat.CacheText());
        (feat with { Depth = "dpt-kitti" }).CacheText().Should().NotBe(feat.CacheText());
        var badMatch = () => (feat with { Match = "none" }).Validate();
        badMatch.Should().Throw<ArgumentException>().WithMessage("*'match'*none*");
        var badDepth = () => (feat with { Depth = "dpt-nyu" }).Validate();
        badDepth.Should().Throw<ArgumentException>().WithMessage("*'depth'*dpt-nyu*");
    }

    [Fact]
    public void DirectRegressionWithTheOracleRecoversEverySyntheticValFrameAndWritesAValidSubmission()
    {
        string dir = SyntheticLayoutRoots.Dataset("mapfree");
        var scenes = Directory.GetDirectories(Path.Combine(dir, "val"), "s*").Order(StringComparer.Ordinal).Select(MapFreeScene.Read).ToList();
        var oracle = new GroundTruthOraclePredictor(SyntheticManifest.Load(dir));
        var settings = new MapFreePipeline.Settings(ImageSize: 256) { Mode = LocalizationMode.DirectRegression };
        var cache = ResultCache.Open(Path.Combine(TestPaths.NewTempDir(), "cache"), new Dictionary<string, string> { ["settings"] = settings.CacheText() });

        var estimates = new MapFreePipeline(oracle, settings).Run(scenes, cache);

        estimates.Should().HaveCount(scenes.Sum(s => s.EvaluatedQueries.Count())).And.NotBeEmpty();
        foreach (var e in estimates)
        {
            e.Estimate.Should().NotBeNull();
            var err = MapFreeMetrics.Errors(e.Frame.Pose!, e.Estimate!, e.Frame.Camera);
            err.Translation.Should().BeLessThan(1e-5);
            err.RotationDeg.Should().BeLessThan(1e-4);
            e.Confidence.Should().Be(e.Matches, "every regressed point of an exact pointmap is a PnP inlier");
        }
        string zip = Path.Combine(TestPaths.NewTempDir(), "submission.zip");
        MapFreePipeline.WriteSubmission(zip, estimates);
        MapFreePipeline.ValidateSubmission(zip, scenes.Select(s => s.Id)).Should().BeEmpty();
    }

    // Val scenes with their public poses, and test scenes with the poses the synthetic layout keeps aside.
    private static List<MapFreeScene> Scenes(string dir)
    {
        var scenes = new[] { "s00460", "s00461" }.Select(s => MapFreeScene.Read(Path.Combine(dir, "val", s))).ToList();
        foreach (string id in new[] { "s00462", "s00463" })
        {
            var scene = MapFreeScene.Read(Path.Combine(dir, "test", id));
            var truth = File.ReadLines(Path.Combine(dir, "test_ground_truth", id, "poses.txt")).Select(l => l.Split(' '))
                .ToDictionary(f => f[0], f => { var v = f.Skip(1).Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray(); return Pose.FromQuaternion(v[0], v[1], v[2], v[3], v[4], v[5], v[6]); });
            scenes.Add(new MapFreeScene
            {
                Id = scene.Id, Directory = scene.Directory, Reference = scene.Reference,
                Queries = scene.Queries.Select(f => f with { Pose = truth[f.Name] }).ToList(),
            });
        }
        return scenes;
    }
}
