using FluentAssertions;
using Mast3r.Geometry;
using OpenCvSharp;
using Xunit;

namespace Mast3r.Tests.Geometry;

[Trait("Category", "Unit")]
public class RelativePoseEstimatorTests
{
    private const int Width = 640, Height = 480;
    private static readonly PinholeCamera K0 = new(525, 525, 319.5, 239.5);
    private static readonly PinholeCamera K1 = new(540, 530, 322, 236);

    internal sealed record Pair(Pose Relative, Point2d[] Pixels0, Point2d[] Pixels1, int[] TrueInliers);

    /// <summary>
    /// protocols.md §5.4: camera 1 rotated 10° about a random axis with a unit translation; points visible in both
    /// 640×480 images; outliers are pixels of image 1 redrawn until they lie ≥ 5 px from their epipolar line.
    /// </summary>
    internal static Pair MakePair(int seed, int count, double outlierFraction, double noisePx, PinholeCamera k0, PinholeCamera k1)
    {
        var rng = new Random(seed);
        var r = Rotation3.FromAxisAngle(SyntheticScene.RandomUnitVector(rng), Rotation3.DegToRad(10));
        var t = SyntheticScene.RandomUnitVector(rng);
        t[2] = Math.Abs(t[2]) * 0.3; // keep the baseline mostly sideways so that the views overlap
        double tn = Math.Sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
        var relative = new Pose(r, [t[0] / tn, t[1] / tn, t[2] / tn]);
        var p0 = new List<Point2d>();
        var p1 = new List<Point2d>();
        var inliers = new List<int>();
        var e = EssentialOf(relative);
        // Exactly round(fraction·count) outliers, at random positions.
        var outliers = Enumerable.Range(0, count).OrderBy(_ => rng.Next()).Take((int)Math.Round(outlierFraction * count)).ToHashSet();
        while (p0.Count < count)
        {
            var x = SyntheticScene.PointInView(rng, Pose.Identity, k0, Width, Height, 4, 20);
            var a = k0.Project([x.X, x.Y, x.Z]);
            var xc1 = relative.Apply([x.X, x.Y, x.Z]);
            var b = k1.Project(xc1);
            if (xc1[2] <= 0 || b.X < 0 || b.X > Width - 1 || b.Y < 0 || b.Y > Height - 1) continue;
            if (outliers.Contains(p0.Count))
            {
                Point2d q;
                do q = new Point2d(rng.NextDouble() * (Width - 1), rng.NextDouble() * (Height - 1));
                while (EpipolarDistancePx(e, a, q, k0, k1) < 5);
                b = q;
            }
            else
            {
                inliers.Add(p0.Count);
                a = new Point2d(a.X + noisePx * SyntheticScene.Gaussian(rng), a.Y + noisePx * SyntheticScene.Gaussian(rng));
                b = new Point2d(b.X + noisePx * SyntheticScene.Gaussian(rng), b.Y + noisePx * SyntheticScene.Gaussian(rng));
            }
            p0.Add(a);
            p1.Add(b);
        }
        return new Pair(relative, [.. p0], [.. p1], [.. inliers]);
    }

    private static double[,] EssentialOf(Pose p)
    {
        var t = p.Translation;
        var tx = new double[,] { { 0, -t[2], t[1] }, { t[2], 0, -t[0] }, { -t[1], t[0], 0 } };
        return Rotation3.Multiply(tx, p.Rotation);
    }

    private static double EpipolarDistancePx(double[,] e, Point2d a, Point2d b, PinholeCamera k0, PinholeCamera k1)
    {
        double[] x0 = [(a.X - k0.Cx) / k0.Fx, (a.Y - k0.Cy) / k0.Fy, 1];
        var line = Rotation3.Apply(e, x0); // in normalised image-1 coordinates
        double[] x1 = [(b.X - k1.Cx) / k1.Fx, (b.Y - k1.Cy) / k1.Fy, 1];
        double d = Math.Abs(line[0] * x1[0] + line[1] * x1[1] + line[2]) / Math.Sqrt(line[0] * line[0] + line[1] * line[1]);
        return d * k1.Fx;
    }

    private static double TranslationAngleDeg(double[] a, double[] b)
    {
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        double na = Math.Sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]), nb = Math.Sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        return Rotation3.RadToDeg(Math.Acos(Math.Clamp(dot / (na * nb), -1, 1)));
    }

    [Fact]
    public void LoFtr_options_are_ransac_with_half_a_pixel_and_five_nines()
    {
        var o = EssentialRansacOptions.LoFtr();
        o.ThresholdPx.Should().Be(0.5);
        o.Confidence.Should().Be(0.99999);
        o.Method.Should().Be(EssentialMatMethod.Ransac);
        ((int)EssentialRansacOptions.MapFreeBaseline().Method).Should().Be(38, "USAC_MAGSAC");
    }

    [Fact]
    public void Noise_free_pair_with_20_percent_outliers_recovers_rotation_direction_and_exactly_the_400_inliers()
    {
        var pair = MakePair(seed: 11, count: 500, outlierFraction: 0.2, noisePx: 0, K0, K0);
        pair.TrueInliers.Should().HaveCount(400);

        var est = RelativePoseEstimator.Estimate(pair.Pixels0, pair.Pixels1, K0, K0, EssentialRansacOptions.LoFtr());

        est.Failure.Should().BeNull();
        SyntheticScene.RotationErrorDeg(est.Pose!, pair.Relative).Should().BeLessThan(1e-3);
        TranslationAngleDeg(est.Pose!.Translation, pair.Relative.Translation).Should().BeLessThan(1e-2, "recoverPose resolves the sign by cheirality");
        est.Inliers.Should().Equal(pair.TrueInliers);
    }

    [Fact]
    public void Different_and_distorted_cameras_are_normalised_before_the_essential_matrix()
    {
        var distorted = new PinholeCamera(540, 530, 322, 236, [-0.05, 0.01, 0.001, -0.0005]);
        var pair = MakePair(seed: 12, count: 300, outlierFraction: 0.2, noisePx: 0, K0, distorted);
        var est = RelativePoseEstimator.Estimate(pair.Pixels0, pair.Pixels1, K0, distorted, EssentialRansacOptions.LoFtr());
        SyntheticScene.RotationErrorDeg(est.Pose!, pair.Relative).Should().BeLessThan(1e-3);
        TranslationAngleDeg(est.Pose!.Translation, pair.Relative.Translation).Should().BeLessThan(1e-2);
    }

    [Fact]
    public void Quarter_pixel_noise_with_30_percent_outliers_stays_within_half_a_degree_and_admits_no_outlier()
    {
        var pair = MakePair(seed: 13, count: 1000, outlierFraction: 0.3, noisePx: 0.25, K0, K1);
        var est = RelativePoseEstimator.Estimate(pair.Pixels0, pair.Pixels1, K0, K1, EssentialRansacOptions.LoFtr());
        est.Failure.Should().BeNull();
        // LoFTR keeps the best minimal 5-point model without polishing, so noise enters at the minimal-sample level.
        SyntheticScene.RotationErrorDeg(est.Pose!, pair.Relative).Should().BeLessThan(0.5);
        TranslationAngleDeg(est.Pose!.Translation, pair.Relative.Translation).Should().BeLessThan(1.0);
        est.Inliers.Should().NotIntersectWith(Enumerable.Range(0, 1000).Except(pair.TrueInliers));
    }

    [Fact]
    public void Fewer_than_five_matches_fail_with_a_reason()
    {
        var pair = MakePair(seed: 14, count: 4, outlierFraction: 0, noisePx: 0, K0, K0);
        var est = RelativePoseEstimator.Estimate(pair.Pixels0, pair.Pixels1, K0, K0, EssentialRansacOptions.LoFtr());
        est.Success.Should().BeFalse();
        est.Failure.Should().Contain("at least 5");
    }

    [Fact]
    public void Coincident_pixels_fail_with_a_reason_and_nan_pixels_are_rejected()
    {
        var same = Enumerable.Repeat(new Point2d(100, 100), 50).ToArray();
        var spread = Enumerable.Range(0, 50).Select(i => new Point2d(10 + i, 20 + (i * 7) % 30)).ToArray();
        var nan = (Point2d[])spread.Clone();
        nan[7] = new Point2d(double.NaN, 1);

        RelativePoseEstimator.Estimate(same, spread, K0, K0, EssentialRansacOptions.LoFtr()).Failure.Should().Contain("coincide");
        var act = () => RelativePoseEstimator.Estimate(spread, nan, K0, K0, EssentialRansacOptions.LoFtr());
        act.Should().Throw<ArgumentException>().WithMessage("*pixels1[7]*");
    }
}
