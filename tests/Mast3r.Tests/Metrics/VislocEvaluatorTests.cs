using FluentAssertions;
using Mast3r.Geometry;
using Mast3r.Metrics;
using Mast3r.Tests.Geometry;
using Xunit;

namespace Mast3r.Tests.Metrics;

[Trait("Category", "Unit")]
public class VislocEvaluatorTests
{
    /// <summary>An estimate whose centre is <paramref name="dc"/> away and whose rotation is off by <paramref name="dDeg"/>, both in random directions.</summary>
    internal static Pose Perturb(Random rng, Pose truth, double dc, double dDeg)
    {
        var c2w = truth.Inverse();
        var rot = Rotation3.Multiply(c2w.Rotation, Rotation3.FromAxisAngle(SyntheticScene.RandomUnitVector(rng), Rotation3.DegToRad(dDeg)));
        var dir = SyntheticScene.RandomUnitVector(rng);
        var c = c2w.Translation;
        return new Pose(rot, [c[0] + dc * dir[0], c[1] + dc * dir[1], c[2] + dc * dir[2]]).Inverse();
    }

    private static readonly (double Dc, double Deg)[] EightQueries =
        [(0.05, 0.5), (0.2, 1.5), (0.3, 1), (0.4, 4), (0.2, 6), (3, 8), (6, 1), (double.PositiveInfinity, double.PositiveInfinity)];

    private static (List<(string, Pose)> Gt, Dictionary<string, Pose> Est) EightQueryScene(int seed)
    {
        var rng = new Random(seed);
        var gt = new List<(string, Pose)>();
        var est = new Dictionary<string, Pose>();
        for (int i = 0; i < EightQueries.Length; i++)
        {
            var truth = SyntheticScene.RandomPoseAt(rng, [rng.NextDouble() * 100, rng.NextDouble() * 100, rng.NextDouble() * 10]);
            gt.Add(($"q{i}.jpg", truth));
            if (double.IsFinite(EightQueries[i].Dc)) est[$"q{i}.jpg"] = Perturb(rng, truth, EightQueries[i].Dc, EightQueries[i].Deg);
        }
        return (gt, est);
    }

    [Fact]
    public void Eight_fake_queries_give_the_protocol_recalls_for_aachen_and_local_bins()
    {
        var (gt, est) = EightQueryScene(50);

        var aachen = VislocEvaluator.Evaluate(gt, est, LocalizationThreshold.Aachen);
        var local = VislocEvaluator.Evaluate(gt, est, LocalizationThreshold.Local);

        aachen.Bins.Select(b => b.RecallPercent).Should().Equal(25, 50, 75);
        local.Bins.Select(b => b.RecallPercent).Should().Equal(12.5, 25, 50, 75);
        aachen.Queries.Should().Be(8);
        aachen.Missing.Should().Be(1);
        aachen.MedianTranslationM.Should().BeApproximately((0.3 + 0.4) / 2, 1e-9);
        aachen.MedianRotationDeg.Should().BeApproximately((1.5 + 4) / 2, 1e-9);
    }

    [Fact]
    public void InLoc_bins_all_use_ten_degrees()
    {
        var (gt, est) = EightQueryScene(51);
        var inloc = VislocEvaluator.Evaluate(gt, est, LocalizationThreshold.InLoc);
        // (0.25, 10): 0.05, 0.2, 0.2 → 3; (0.5, 10): + 0.3, 0.4 → 5; (1, 10): 5.
        inloc.Bins.Select(b => b.RecallPercent).Should().Equal(37.5, 62.5, 62.5);
    }

    [Fact]
    public void Per_query_errors_are_centre_distance_and_geodesic_angle()
    {
        var rng = new Random(52);
        var truth = SyntheticScene.RandomPoseAt(rng, [1, 2, 3]);
        var est = Perturb(rng, truth, 0.123, 4.56);
        var (t, r) = VislocEvaluator.QueryErrors(est, truth);
        t.Should().BeApproximately(0.123, 1e-12);
        r.Should().BeApproximately(4.56, 1e-10);
        VislocEvaluator.QueryErrors(null, truth).Should().Be((double.PositiveInfinity, double.PositiveInfinity));
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0, double.PositiveInfinity }, 2.0)]
    [InlineData(new[] { 1.0, double.PositiveInfinity }, double.PositiveInfinity)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    public void Median_follows_numpy_with_infinite_failures(double[] values, double expected) =>
        NumpyStats.Median(values).Should().Be(expected);

    [Fact]
    public void Bin_specifications_parse_names_and_explicit_lists_and_reject_garbage()
    {
        LocalizationThreshold.Parse("0.25,2;0.5,5;5,10").Should().Equal(LocalizationThreshold.Aachen);
        LocalizationThreshold.Parse("InLoc").Should().BeSameAs(LocalizationThreshold.InLoc);
        FluentActions.Invoking(() => LocalizationThreshold.Parse("0.25;2")).Should().Throw<FormatException>().WithMessage("*'0.25'*");
        FluentActions.Invoking(() => LocalizationThreshold.Parse("0.25,-2")).Should().Throw<FormatException>().WithMessage("*positive*");
    }

    [Fact]
    public void Scores_are_invariant_to_a_rigid_change_of_world_frame_and_monotone_in_the_thresholds()
    {
        var rng = new Random(53);
        var gt = new List<(string, Pose)>();
        var est = new Dictionary<string, Pose>();
        for (int i = 0; i < 200; i++)
        {
            var truth = SyntheticScene.RandomPoseAt(rng, [rng.NextDouble() * 50, rng.NextDouble() * 50, rng.NextDouble() * 5]);
            gt.Add(($"img{i}", truth));
            if (rng.NextDouble() < 0.9) est[$"img{i}"] = Perturb(rng, truth, Math.Exp(rng.NextDouble() * 6 - 4), Math.Exp(rng.NextDouble() * 5 - 2));
        }
        var world = new Pose(SyntheticScene.RandomRotation(rng), [10, -20, 5]); // new world = world ∘ old
        var gt2 = gt.Select(q => (q.Item1, q.Item2.Compose(world.Inverse()))).ToList();
        var est2 = est.ToDictionary(kv => kv.Key, kv => kv.Value.Compose(world.Inverse()));
        var nested = new[] { new LocalizationThreshold(0.1, 1), new LocalizationThreshold(0.3, 3), new LocalizationThreshold(1, 5), new LocalizationThreshold(10, 20) };

        var a = VislocEvaluator.Evaluate(gt, est, nested);
        var b = VislocEvaluator.Evaluate(gt2, est2, nested);

        b.Bins.Select(x => x.RecallPercent).Should().Equal(a.Bins.Select(x => x.RecallPercent));
        b.MedianTranslationM.Should().BeApproximately(a.MedianTranslationM, 1e-9);
        b.MedianRotationDeg.Should().BeApproximately(a.MedianRotationDeg, 1e-9);
        a.Bins.Select(x => x.RecallPercent).Should().BeInAscendingOrder();
        a.Missing.Should().Be(200 - est.Count);
        a.Bins[^1].RecallPercent.Should().BeLessThanOrEqualTo(100.0 * est.Count / 200);
    }

    [Fact]
    public void Estimates_equal_to_the_truth_score_everything_and_extra_estimates_are_ignored()
    {
        var rng = new Random(54);
        var gt = Enumerable.Range(0, 10).Select(i => ($"q{i}", SyntheticScene.RandomPoseAt(rng, [i, 0, 0]))).ToList();
        var est = gt.ToDictionary(q => q.Item1, q => q.Item2);
        est["not-a-query"] = Pose.Identity;
        var r = VislocEvaluator.Evaluate(gt, est, LocalizationThreshold.Local);
        r.Bins.Should().OnlyContain(b => b.RecallPercent == 100);
        r.MedianTranslationM.Should().BeLessThan(1e-12);
        r.Missing.Should().Be(0);
        r.Queries.Should().Be(10);
    }
}
