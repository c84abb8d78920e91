using FluentAssertions;
using Mast3r.Geometry;
using OpenCvSharp;
using Xunit;

namespace Mast3r.Tests.Geometry;

[Trait("Category", "Unit")]
public class AbsolutePoseEstimatorTests
{
    private const int Width = 1600, Height = 1200;

    // protocols.md §1.6: Aachen-like SIMPLE_RADIAL camera, COLMAP convention.
    private static readonly PinholeCamera Colmap = PinholeCamera.FromColmapSimpleRadial(1469.2, 800, 600, -0.0353);

    internal sealed record Scene(Pose Truth, Point3d[] World, Point2d[] ColmapPixels, int[] TrueInliers);

    /// <summary>
    /// 2,000 points 5–50 m in front of the camera, projected with the COLMAP-convention camera; a fraction replaced by
    /// uniform pixels at least 2·threshold from their true projection (so that they really are outliers).
    /// </summary>
    internal static Scene MakeScene(int seed, double outlierFraction, double noisePx, double worldOffset = 0, int count = 2000)
    {
        var rng = new Random(seed);
        var truth = SyntheticScene.RandomPoseAt(rng, [worldOffset + rng.NextDouble() * 10, worldOffset - 3, rng.NextDouble() * 10]);
        // Projection in COLMAP pixels = OpenCV projection + 0.5.
        var opencv = PinholeCamera.FromColmapSimpleRadial(1469.2, 800, 600, -0.0353);
        var world = new Point3d[count];
        var pixels = new Point2d[count];
        var inliers = new List<int>();
        for (int i = 0; i < count; i++)
        {
            world[i] = SyntheticScene.PointInView(rng, truth, opencv, Width, Height, 5, 50);
            var p = PixelConvention.OpenCvToColmap(SyntheticScene.Project(truth, opencv, world[i]));
            if (rng.NextDouble() < outlierFraction)
            {
                Point2d q;
                do q = new Point2d(rng.NextDouble() * Width, rng.NextDouble() * Height);
                while (SyntheticScene.Distance(p, q) < 32);
                pixels[i] = q;
            }
            else
            {
                pixels[i] = new Point2d(p.X + noisePx * SyntheticScene.Gaussian(rng), p.Y + noisePx * SyntheticScene.Gaussian(rng));
                inliers.Add(i);
            }
        }
        return new Scene(truth, world, pixels, [.. inliers]);
    }

    private static Point2d[] ToOpenCv(Point2d[] colmap) => colmap.Select(PixelConvention.ColmapToOpenCv).ToArray();

    /// <summary>The official visloc options in run_pnp mode <paramref name="mode"/> ("Cv2" or "Poselib").</summary>
    private static PnpRansacOptions Visloc(string mode) => PnpRansacOptions.Visloc(Width, Height, mode: Enum.Parse<PnpMode>(mode));

    [Theory]
    [InlineData(1600, 1200, 16.0)]
    [InlineData(1024, 768, 10.24)]
    [InlineData(4032, 3024, 40.32)]
    public void Visloc_options_use_the_official_diagonal_ratio_iterations_and_confidence(int w, int h, double thresholdPx)
    {
        var o = PnpRansacOptions.Visloc(w, h);
        o.ReprojectionThresholdPx.Should().BeApproximately(thresholdPx, 1e-9);
        o.MaxIterations.Should().Be(10_000);
        o.Confidence.Should().Be(0.9999);
        o.Mode.Should().Be(PnpMode.Cv2);
        o.Refine.Should().BeFalse("dust3r's cv2 mode returns the RANSAC pose as is");
        o.Method.Should().Be(SolvePnPMethod.SQPNP);
    }

    [Theory]
    [InlineData("Cv2")]
    [InlineData("Poselib")]
    public void Noise_free_scene_with_30_percent_outliers_recovers_the_pose_and_flags_every_outlier(string mode)
    {
        var s = MakeScene(seed: 1, outlierFraction: 0.3, noisePx: 0);
        var camera = PinholeCamera.FromColmap(Colmap.Fx, Colmap.Fy, Colmap.ColmapPrincipalPoint.Cx, Colmap.ColmapPrincipalPoint.Cy, Colmap.Distortion);

        var est = AbsolutePoseEstimator.Estimate(s.World, ToOpenCv(s.ColmapPixels), camera, Visloc(mode));

        est.Failure.Should().BeNull();
        SyntheticScene.CentreDistance(est.Pose!, s.Truth).Should().BeLessThan(1e-6);
        SyntheticScene.RotationErrorDeg(est.Pose!, s.Truth).Should().BeLessThan(1e-6);
        est.Inliers.Should().Equal(s.TrueInliers);
    }

    [Fact]
    public void Map_free_baseline_settings_recover_the_noise_free_pose_with_p3p()
    {
        var s = MakeScene(seed: 6, outlierFraction: 0.3, noisePx: 0);
        var options = PnpRansacOptions.MapFreeBaseline();
        options.Method.Should().Be(SolvePnPMethod.P3P);
        options.ReprojectionThresholdPx.Should().Be(3);
        options.MaxIterations.Should().Be(1000);
        options.Refine.Should().BeTrue("the map-free baseline refines with solvePnPGeneric(ITERATIVE)");

        var est = AbsolutePoseEstimator.Estimate(s.World, ToOpenCv(s.ColmapPixels), Colmap, options);

        SyntheticScene.CentreDistance(est.Pose!, s.Truth).Should().BeLessThan(1e-6);
        SyntheticScene.RotationErrorDeg(est.Pose!, s.Truth).Should().BeLessThan(1e-6);
        est.Inliers.Should().Equal(s.TrueInliers);
    }

    [Theory]
    [InlineData("Cv2")]
    [InlineData("Poselib")]
    public void Shifting_the_intrinsics_but_not_the_pixels_biases_the_pose_measurably(string mode)
    {
        var s = MakeScene(seed: 2, outlierFraction: 0.3, noisePx: 0);
        var camera = PinholeCamera.FromColmapSimpleRadial(1469.2, 800, 600, -0.0353); // K shifted to OpenCV

        var consistent = AbsolutePoseEstimator.Estimate(s.World, ToOpenCv(s.ColmapPixels), camera, Visloc(mode));
        var halfShifted = AbsolutePoseEstimator.Estimate(s.World, s.ColmapPixels, camera, Visloc(mode));

        SyntheticScene.RotationErrorDeg(consistent.Pose!, s.Truth).Should().BeLessThan(1e-6);
        // 0.5 px at f = 1469 is 3.4e-4 rad ≈ 0.02°: four orders of magnitude above the consistent error.
        SyntheticScene.RotationErrorDeg(halfShifted.Pose!, s.Truth).Should().BeGreaterThan(0.005);
    }

    [Theory]
    [InlineData("Cv2")]
    [InlineData("Poselib")]
    public void Large_world_coordinates_keep_full_accuracy(string mode)
    {
        var s = MakeScene(seed: 3, outlierFraction: 0.3, noisePx: 0, worldOffset: 5000);
        var est = AbsolutePoseEstimator.Estimate(s.World, ToOpenCv(s.ColmapPixels), Colmap, Visloc(mode));
        SyntheticScene.CentreDistance(est.Pose!, s.Truth).Should().BeLessThan(1e-6);
        SyntheticScene.RotationErrorDeg(est.Pose!, s.Truth).Should().BeLessThan(1e-6);
    }

    [Theory]
    [InlineData("Cv2")]
    [InlineData("Poselib")]
    public void One_pixel_noise_with_30_percent_outliers_stays_within_a_centimetre_and_a_hundredth_of_a_degree(string mode)
    {
        var s = MakeScene(seed: 4, outlierFraction: 0.3, noisePx: 1.0);
        var est = AbsolutePoseEstimator.Estimate(s.World, ToOpenCv(s.ColmapPixels), Colmap, Visloc(mode));

        est.Failure.Should().BeNull();
        SyntheticScene.CentreDistance(est.Pose!, s.Truth).Should().BeLessThan(0.01);
        SyntheticScene.RotationErrorDeg(est.Pose!, s.Truth).Should().BeLessThan(0.01);
        est.Inliers.Should().BeEquivalentTo(s.TrueInliers, "1 px noise stays far inside the 16 px threshold and outliers are ≥ 32 px off");
    }

    [Theory]
    [InlineData("Cv2")]
    [InlineData("Poselib")]
    public void Too_few_correspondences_fail_with_a_reason(string mode)
    {
        var s = MakeScene(seed: 5, outlierFraction: 0, noisePx: 0, count: 4);
        var est = AbsolutePoseEstimator.Estimate(s.World, ToOpenCv(s.ColmapPixels), Colmap, Visloc(mode));
        est.Success.Should().BeFalse();
        est.Pose.Should().BeNull();
        est.Failure.Should().Contain("at least 5");
    }

    [Theory]
    [InlineData("Cv2")]
    [InlineData("Poselib")]
    public void Coincident_or_collinear_world_points_fail_with_a_reason_not_nan(string mode)
    {
        var pixels = Enumerable.Range(0, 20).Select(i => new Point2d(100 + i, 200 + 2 * i)).ToArray();
        var same = Enumerable.Repeat(new Point3d(1, 2, 10), 20).ToArray();
        var line = Enumerable.Range(0, 20).Select(i => new Point3d(i, 2 * i, 10 + i)).ToArray();

        var a = AbsolutePoseEstimator.Estimate(same, pixels, Colmap, Visloc(mode));
        var b = AbsolutePoseEstimator.Estimate(line, pixels, Colmap, Visloc(mode));

        a.Failure.Should().Contain("coincide");
        b.Failure.Should().Contain("collinear");
    }

    [Fact]
    public void Non_finite_or_mismatched_input_is_rejected_naming_the_entry()
    {
        var world = new[] { new Point3d(0, 0, 5), new Point3d(1, 0, 5), new Point3d(0, 1, 5), new Point3d(1, 1, 6), new Point3d(2, 1, 7) };
        var pixels = world.Select(_ => new Point2d(10, 10)).ToArray();
        var bad = (Point3d[])world.Clone();
        bad[3] = new Point3d(double.NaN, 0, 1);

        var nan = () => AbsolutePoseEstimator.Estimate(bad, pixels, Colmap, PnpRansacOptions.Visloc(Width, Height));
        var mismatch = () => AbsolutePoseEstimator.Estimate(world, pixels[..4], Colmap, PnpRansacOptions.Visloc(Width, Height));

        nan.Should().Throw<ArgumentException>().WithMessage("*world points[3]*not finite*");
        mismatch.Should().Throw<ArgumentException>().WithMessage("*5*4*");
    }
}
