using FluentAssertions;
using Mast3r.Geometry;
using Xunit;

namespace Mast3r.Tests.Geometry;

[Trait("Category", "Unit")]
public class PoselibRansacTests
{
    [Fact]
    public void Sampler_reproduces_the_splitmix64_sequence_of_seed_0_truncated_to_a_signed_int()
    {
        // SplitMix64(0): 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f (reference values of the generator).
        ulong state = 0;
        PoselibRansac.NextInt(ref state).Should().Be(unchecked((int)0x7b1dcdafu));
        PoselibRansac.NextInt(ref state).Should().Be(unchecked((int)0xa1b965f4u));
        PoselibRansac.NextInt(ref state).Should().Be(unchecked((int)0x8009454fu));
    }

    [Theory]
    [InlineData(1.0, 1000)]   // all inliers: min_iterations
    [InlineData(0.00005, 10_000)] // almost none: max_iterations
    [InlineData(0.7, 66)]     // ⌈ln(1e-4) / ln(1 − 0.7³) · 3⌉ = ⌈65.78⌉
    [InlineData(0.1, 27_618)] // ⌈ln(1e-4) / ln(1 − 0.001) · 3⌉ = ⌈27617.2⌉, later capped by the loop's max_iterations
    public void Dynamic_trial_count_follows_poselibs_rule(double inlierRatio, long expected)
    {
        PoselibRansac.DynamicMaxIterations(inlierRatio, Math.Log(1 - 0.9999), 3, 1000, 10_000).Should().Be(expected);
    }

    [Fact]
    public void Identical_inputs_give_identical_results_because_the_seed_is_fixed()
    {
        var s = AbsolutePoseEstimatorTests.MakeScene(seed: 9, outlierFraction: 0.5, noisePx: 2.0);
        var camera = PinholeCamera.FromColmapSimpleRadial(1469.2, 800, 600, -0.0353);
        var pixels = s.ColmapPixels.Select(PixelConvention.ColmapToOpenCv).ToArray();
        var options = PnpRansacOptions.Visloc(1600, 1200, mode: PnpMode.Poselib);

        var a = AbsolutePoseEstimator.Estimate(s.World, pixels, camera, options);
        var b = AbsolutePoseEstimator.Estimate(s.World, pixels, camera, options);

        a.Pose!.Translation.Should().Equal(b.Pose!.Translation);
        a.Inliers.Should().Equal(b.Inliers);
        SyntheticScene.CentreDistance(a.Pose, s.Truth).Should().BeLessThan(0.05, "2 px noise, 50 % outliers");
    }
}
