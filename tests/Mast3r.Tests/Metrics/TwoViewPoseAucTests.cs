using FluentAssertions;
using Mast3r.Geometry;
using Mast3r.Metrics;
using Mast3r.Tests.Geometry;
using Xunit;

namespace Mast3r.Tests.Metrics;

[Trait("Category", "Unit")]
public class TwoViewPoseAucTests
{
    [Fact]
    public void A_single_5_degree_error_gives_0_then_075_then_0875()
    {
        TwoViewPoseAuc.Aucs([5.0]).Should().Equal(0, 0.75, 0.875);
    }

    [Fact]
    public void Errors_1_2_inf_30_give_040_045_0475()
    {
        var a = TwoViewPoseAuc.Aucs([1.0, 2, double.PositiveInfinity, 30]);
        a[0].Should().BeApproximately(0.40, 1e-12);
        a[1].Should().BeApproximately(0.45, 1e-12);
        a[2].Should().BeApproximately(0.475, 1e-12);
    }

    [Fact]
    public void All_zero_errors_give_one_and_nan_counts_as_failure()
    {
        TwoViewPoseAuc.Aucs([0.0, 0, 0]).Should().Equal(1, 1, 1);
        TwoViewPoseAuc.Auc([double.NaN, 0.0], 10).Should().Be(TwoViewPoseAuc.Auc([double.PositiveInfinity, 0.0], 10));
    }

    [Fact]
    public void Pose_error_folds_the_translation_sign_and_takes_the_max_with_rotation()
    {
        var rng = new Random(80);
        var truth = new Pose(SyntheticScene.RandomRotation(rng), [0.6, 0, 0.8]);
        var flipped = new Pose(truth.Rotation, [-0.6, 0, -0.8]);
        TwoViewPoseAuc.PoseErrorDeg(flipped, truth).Should().BeLessThan(1e-12);

        var rotated = new Pose(Rotation3.Multiply(Rotation3.FromAxisAngle([0, 0, 1], Rotation3.DegToRad(3)), truth.Rotation), [0.8, 0, 0.6]);
        // rotation 3°, translation angle acos(0.96) = 16.26°.
        TwoViewPoseAuc.PoseErrorDeg(rotated, truth).Should().BeApproximately(Rotation3.RadToDeg(Math.Acos(0.96)), 1e-9);
        TwoViewPoseAuc.PoseErrorDeg(null, truth).Should().Be(double.PositiveInfinity);
        TwoViewPoseAuc.PoseErrorDeg(new Pose(truth.Rotation, [0, 0, 0]), truth).Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void Random_errors_match_a_brute_force_integral_of_the_interpolated_recall_curve()
    {
        var rng = new Random(81);
        var errors = Enumerable.Range(0, 37).Select(_ => rng.NextDouble() < 0.1 ? double.PositiveInfinity : rng.NextDouble() * 30).ToArray();
        var sorted = errors.Order().ToArray();
        foreach (double tau in new[] { 5.0, 10, 20 })
        {
            // Recall curve through (0, 0) and (e_i, i/N), held flat after the last error below τ.
            double Recall(double x)
            {
                double pe = 0, pr = 0;
                for (int i = 0; i < sorted.Length && sorted[i] < tau; i++)
                {
                    double r = (i + 1.0) / sorted.Length;
                    if (x <= sorted[i]) return sorted[i] == pe ? r : pr + (r - pr) * (x - pe) / (sorted[i] - pe);
                    pe = sorted[i];
                    pr = r;
                }
                return pr;
            }
            const int steps = 200_000;
            double integral = 0;
            for (int k = 0; k < steps; k++) integral += Recall((k + 0.5) * tau / steps) * tau / steps;
            TwoViewPoseAuc.Auc(errors, tau).Should().BeApproximately(integral / tau, 1e-6);
        }
        var aucs = TwoViewPoseAuc.Aucs(errors);
        aucs.Should().BeInAscendingOrder("the normalised integral of a non-decreasing curve grows with τ");
    }
}
