using FluentAssertions;
using Mast3r.Datasets.MapFree;
using Mast3r.Datasets.Synthetic;
using Mast3r.Localization;
using Mast3r.Reproduction;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Localization;

[Trait("Category", "Integration")]
public sealed class MapFreePipelineTests
{
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
}
