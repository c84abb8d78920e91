using FluentAssertions;
using Mast3r.Datasets.Synthetic;
using Mast3r.Datasets.Visloc;
using Mast3r.Localization;
using Mast3r.Reproduction;
using Mast3r.Tests.TestSupport;
using Xunit;
using Mast3r.Metrics;

namespace Mast3r.Tests.Localization;

[Trait("Category", "Integration")]
public sealed class VislocPipelineTests
{
    [Fact]
    public void OracleLocalisesEverySyntheticCambridgeQueryWithinCentimetres()
    {
        string root = SyntheticLayoutRoots.Dataset("cambridge");
        var dataset = VislocDataset.OpenCambridge(root, "ShopFacade");
        var oracle = new GroundTruthOraclePredictor(SyntheticManifest.Load(root));
        var settings = new VislocSettings(TopK: 2, ImageSize: 192);
        var cache = ResultCache.Open(Path.Combine(TestPaths.NewTempDir(), "cache"), new Dictionary<string, string> { ["settings"] = settings.CacheText() });

        var results = new VislocPipeline(oracle, settings).Run(dataset, cache);

        results.Should().HaveCount(8);
        var errors = results.Select(r => VislocEvaluator.QueryErrors(r.Estimate, dataset.Queries.Single(q => q.Name == r.Name).GroundTruth!)).ToList();
        errors.Should().OnlyContain(e => e.TranslationM < 0.05 && e.RotationDeg < 0.5);
        VislocMetrics.Compute(errors)["pct_0.25m_2deg"].Should().Be(100);
    }

    [Fact]
    public void PnpModeDefaultsToPoselibAndKeysTheCacheButNotTheOfficialLabel()
    {
        var poselib = new VislocSettings(TopK: 20);
        var cv2 = poselib with { PnpMode = Mast3r.Geometry.PnpMode.Cv2 };

        poselib.PnpMode.Should().Be(Mast3r.Geometry.PnpMode.Poselib, "every README command passes --pnp_mode poselib");
        poselib.CacheText().Should().Contain("pnp=Poselib");
        cv2.CacheText().Should().NotBe(poselib.CacheText());
        cv2.Label().Should().Be(poselib.Label());
    }

    [Fact]
    public void DirectRegressionWithTheOracleLocalisesEverySyntheticCambridgeQueryExactlyAndCachesPerQuery()
    {
        string root = SyntheticLayoutRoots.Dataset("cambridge");
        string cacheDir = Path.Combine(TestPaths.NewTempDir(), "cache");
        var dataset = VislocDataset.OpenCambridge(root, "ShopFacade");
        var oracle = new GroundTruthOraclePredictor(SyntheticManifest.Load(root));
        var settings = new VislocSettings(TopK: 1, ImageSize: 192) { Mode = LocalizationMode.DirectRegression };
        settings.CacheText().Should().NotBe((settings with { Mode = LocalizationMode.Matching }).CacheText());
        var key = new Dictionary<string, string> { ["settings"] = settings.CacheText() };

        var results = new VislocPipeline(oracle, settings).Run(dataset, ResultCache.Open(cacheDir, key));
        var cache = ResultCache.Open(cacheDir, key);
        var again = new VislocPipeline(oracle, settings).Run(dataset, cache);

        results.Should().HaveCount(8);
        var errors = results.Select(r => VislocEvaluator.QueryErrors(r.Estimate, dataset.Queries.Single(q => q.Name == r.Name).GroundTruth!)).ToList();
        errors.Should().OnlyContain(e => e.TranslationM < 1e-5 && e.RotationDeg < 1e-4);
        results.Should().OnlyContain(r => r.Correspondences > 1000 && r.Inliers == r.Correspondences);
        cache.Hits.Should().Be(8);
        again.Select(r => r.Inliers).Should().Equal(results.Select(r => r.Inliers));
    }
}
