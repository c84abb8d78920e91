using FluentAssertions;
using Mast3r.Datasets.Synthetic;
using Mast3r.Metrics.Dtu;
using Mast3r.Mvs;
using Mast3r.Reproduction;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Mvs;

/// <summary>
/// The DTU triangulation pipeline on the synthetic DTU layout (256×192 views) with the ground-truth oracle, in the
/// coarse-to-fine mode: a 128-px network size makes the views tile into native-resolution crops, as 512-px windows
/// tile the 1600×1200 DTU images.
/// </summary>
[Trait("Category", "Integration")]
public class TriangulationMvsTests
{
    private static readonly TriangulationMvs.Settings CoarseToFine = new(ImageSize: 128, SeedStride: 4, CoarseToFine: true);

    [Fact]
    public void Coarse_to_fine_matches_at_full_resolution_reconstruct_the_synthetic_scan_to_sub_millimetre_accuracy()
    {
        string root = SyntheticLayoutRoots.Dataset("dtu");
        var scan = DtuScan.Read(root, SyntheticDtuLayout.Scan);
        var mvs = new TriangulationMvs(new GroundTruthOraclePredictor(SyntheticManifest.Load(root)), CoarseToFine);

        var (points, pairs) = mvs.Run(scan, Cache(root));

        pairs.Should().HaveCount(scan.Views.Count * (scan.Views.Count - 1), "one-versus-all ordered pairs");
        pairs.Sum(p => p.Kept).Should().BeGreaterThan(1000);
        var (mask, plane, reference) = DtuFiles.LoadScan(root, SyntheticDtuLayout.Scan);
        var result = DtuEvaluation.Evaluate(points, reference, mask, plane);
        result.Accuracy.Should().BeLessThan(1.0, "exact oracle matches at native crop pixels triangulated with exact cameras");
        result.Completeness.Should().BeLessThan(2.0);
    }

    [Fact]
    public void Coarse_to_fine_matches_are_cached_under_a_key_distinct_from_coarse_matching()
    {
        CoarseToFine.CacheText().Should().NotBe((CoarseToFine with { CoarseToFine = false }).CacheText());
        CoarseToFine.CacheText().Should().Contain("c2f");
    }

    private static ResultCache Cache(string root) =>
        ResultCache.Open(TestPaths.NewTempDir(), new Dictionary<string, string> { ["dataset"] = root, ["settings"] = CoarseToFine.CacheText() });
}
