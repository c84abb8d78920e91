using FluentAssertions;
using Mast3r.Datasets.Synthetic;
using Mast3r.Datasets.Visloc;
using Mast3r.Localization;
using Mast3r.Metrics;
using Mast3r.Reproduction;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Localization;

/// <summary>
/// The coarse-to-fine visloc mode on the synthetic Cambridge layout (192×144 images) with the oracle and a 128-px
/// network, so every pair is tiled into 128×96 native-resolution crops.
/// </summary>
[Trait("Category", "Integration")]
public sealed class VislocCoarseToFineTests
{
    private static readonly Lazy<string> Layout = new(() =>
    {
        string root = TestPaths.NewTempDir("mast3r-c2f");
        SyntheticLayouts.WriteCambridge(root);
        return root;
    });

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(true, 160)]
    public void OracleLocalisesEverySyntheticQueryThroughCrops(bool homography, int? maxImageSize)
    {
        string root = Layout.Value;
        var dataset = VislocDataset.OpenCambridge(root, "ShopFacade");
        var oracle = new GroundTruthOraclePredictor(SyntheticManifest.Load(root));
        var settings = new VislocSettings(TopK: 2, ImageSize: 128) { CoarseToFine = true, CropWithHomography = homography, MaxImageSize = maxImageSize };
        var cache = ResultCache.Open(Path.Combine(TestPaths.NewTempDir(), "cache"), new Dictionary<string, string> { ["settings"] = settings.CacheText() });
        var log = new List<string>();

        var results = new VislocPipeline(oracle, settings).Run(dataset, cache, log.Add);

        results.Should().HaveCount(8);
        var errors = results.Select(r => VislocEvaluator.QueryErrors(r.Estimate, dataset.Queries.Single(q => q.Name == r.Name).GroundTruth!)).ToList();
        errors.Should().OnlyContain(e => e.TranslationM < 0.05 && e.RotationDeg < 0.5);
        VislocMetrics.Compute(errors)["pct_0.25m_2deg"].Should().Be(100);
        // Each query's log line reports its crop pairs: two map images, each needing more than one window pair.
        log.Select(l => int.Parse(l.Split(", ").Single(p => p.EndsWith(" crop pairs", StringComparison.Ordinal)).Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture)).Should().OnlyContain(n => n > 2);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Label_follows_the_official_naming()
    {
        new VislocSettings(TopK: 20).Label().Should().Be("tol_5_conf_1.001_reproj_diag_0.008");
        new VislocSettings(TopK: 20) { CoarseToFine = true, CropWithHomography = true }.Label()
            .Should().Be("tol_5_c2f_with_homography_conf_1.001_reproj_diag_0.008");
        new VislocSettings(TopK: 20) { CoarseToFine = true, CropWithHomography = true, MaxImageSize = 1200 }.Label()
            .Should().Be("tol_5_c2f_1200_with_homography_conf_1.001_reproj_diag_0.008");
        new VislocSettings(TopK: 1) { MaxImageSize = 1200, CropWithHomography = true }.Label()
            .Should().Be("tol_5_1200_conf_1.001_reproj_diag_0.008", "homography only counts with coarse-to-fine");
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Cache_text_changes_with_every_coarse_to_fine_setting()
    {
        var baseline = new VislocSettings(TopK: 20);
        var variants = new[]
        {
            baseline with { CoarseToFine = true }, baseline with { MaxImageSize = 1200 },
            baseline with { CropWithHomography = true }, baseline with { MaxBatch = 8 },
        };
        variants.Select(v => v.CacheText()).Append(baseline.CacheText()).Should().OnlyHaveUniqueItems();
    }
}
