using FluentAssertions;
using Mast3r.Datasets;
using Mast3r.Geometry;
using Mast3r.Localization;
using Mast3r.Reproduction;
using Mast3r.Tests.TestSupport;
using Xunit;
using Mast3r.Metrics;
using Mast3r.Metrics.MapFree;

namespace Mast3r.Tests.Localization;

[Trait("Category", "Unit")]
public sealed class MetricTests
{
    private static readonly CameraIntrinsics MapFreeK = new(540, 720, 500, 500, 270, 360);

    [Theory]
    [InlineData(0.01, 1.952089)] // protocols.md §2.8, no clipping
    [InlineData(0.1, 19.362159)] // clipping active
    public void VcreOfASidewaysShiftMatchesTheReferenceValues(double shift, double expected)
    {
        var gt = Pose.Identity;
        var est = new Pose(gt.Rotation, new[] { -shift, 0, 0 }); // centre moved by +shift along camera x
        MapFreeMetrics.Errors(gt, est, MapFreeK).Vcre.Should().BeApproximately(expected, 1e-5);
        MapFreeMetrics.Errors(gt, est, MapFreeK).Translation.Should().BeApproximately(shift, 1e-12);
    }

    [Fact]
    public void VcreAndSineRotationErrorOfOneDegreeAboutTheOpticalAxis()
    {
        double a = Math.PI / 180;
        var est = new Pose(new[,] { { Math.Cos(a), -Math.Sin(a), 0 }, { Math.Sin(a), Math.Cos(a), 0 }, { 0, 0, 1 } }, new double[3]);
        MapFreeMetrics.Errors(Pose.Identity, est, MapFreeK).Vcre.Should().BeApproximately(2.172375, 1e-5);
        MapFreeMetrics.Errors(Pose.Identity, est, MapFreeK).RotationDeg.Should().BeApproximately(1.0, 1e-9);
    }

    // The benchmark's AUC with `total` evaluated frames: the ranked estimates plus (total − count) missing ones.
    private static double Auc(IReadOnlyList<(double Confidence, bool Ok)> ranked, int total) =>
        MapFreePrecisionRecall.AreaUnderCurve(ranked.Select(r => r.Confidence).ToList(), ranked.Select(r => r.Ok).ToList(), total - ranked.Count);

    [Fact]
    public void ConfidenceAucMatchesTheReferenceValues()
    {
        var ranked = new[] { (4.0, true), (3.0, true), (2.0, false), (1.0, false) };
        Auc(ranked, 4).Should().BeApproximately(0.791667, 1e-6);
        Auc(ranked, 6).Should().BeApproximately(0.527778, 1e-6);
        Auc(new[] { (1.0, true), (2.0, true), (3.0, false), (4.0, false) }, 4).Should().BeApproximately(0.208333, 1e-6);
        Auc(new[] { (1.0, true), (1.0, true), (1.0, false), (1.0, false) }, 4).Should().Be(0.5);
    }

    [Fact]
    public void VislocBinsCountStrictlyBelowBothThresholds()
    {
        // protocols.md §1.6: 8 fake queries → Aachen bins 25/50/75 %, dust3r (0.1 m, 1°) bin 12.5 %.
        var errors = new[] { (0.05, 0.5), (0.2, 1.5), (0.3, 1.0), (0.4, 4.0), (0.2, 6.0), (3.0, 8.0), (6.0, 1.0), (double.PositiveInfinity, double.PositiveInfinity) };
        var m = VislocMetrics.Compute(errors);
        m["pct_0.25m_2deg"].Should().Be(25);
        m["pct_0.5m_5deg"].Should().Be(50);
        m["pct_5m_10deg"].Should().Be(75);
        m["pct_0.1m_1deg"].Should().Be(12.5);
        NumpyStats.Median(new[] { 1.0, 2, double.PositiveInfinity }).Should().Be(2);
        NumpyStats.Median(new[] { 1.0, double.PositiveInfinity }).Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void SubmissionRoundTripsWorldToCameraPosesAndFlagsMissingQueries()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "x_ltvl.txt");
        var pose = Pose.FromQuaternion(0.9, 0.1, -0.3, 0.2, 1.5, -2, 3);
        VislocSubmission.Write(path, new[] { ("query/day/a/IMG_1.jpg", (Pose?)pose), ("query/night/b/IMG_2.jpg", null) });
        var lines = File.ReadAllLines(path);
        lines[1].Should().Be("IMG_2.jpg 1 0 0 0 0 0 0");
        var f = lines[0].Split(' ').Skip(1).Select(double.Parse).ToArray();
        var back = Pose.FromQuaternion(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
        VislocEvaluator.QueryErrors(back, pose).TranslationM.Should().BeLessThan(1e-12);
        VislocSubmission.Validate(path, new[] { "IMG_1.jpg", "IMG_2.jpg" }).Should().BeEmpty();
        VislocSubmission.Validate(path, new[] { "IMG_1.jpg", "IMG_3.jpg" }).Should().ContainSingle().Which.Should().Contain("IMG_3.jpg");
    }
}
