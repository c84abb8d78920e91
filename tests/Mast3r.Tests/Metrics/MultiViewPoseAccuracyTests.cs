using FluentAssertions;
using Mast3r.Geometry;
using Mast3r.Metrics;
using Mast3r.Tests.Geometry;
using Xunit;

namespace Mast3r.Tests.Metrics;

[Trait("Category", "Unit")]
public class MultiViewPoseAccuracyTests
{
    internal static Pose[] RandomCameras(Random rng, int n) =>
        Enumerable.Range(0, n).Select(_ => SyntheticScene.RandomPoseAt(rng, [rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2])).ToArray();

    /// <summary>Cameras seen from a world moved by X' = s·R·X + t: w2c (R_c, t_c) → (R_c·Rᵀ, s·t_c − R_c·Rᵀ·t).</summary>
    internal static Pose ApplySimilarity(Pose camera, double s, double[,] r, double[] t)
    {
        var rc = Rotation3.Multiply(camera.Rotation, Rotation3.Transpose(r));
        var rt = Rotation3.Apply(rc, t);
        return new Pose(rc, [s * camera.Translation[0] - rt[0], s * camera.Translation[1] - rt[1], s * camera.Translation[2] - rt[2]]);
    }

    private static PoseSequence Sequence(string name, Pose[] truth, Pose?[] estimate) =>
        new(name, truth.Select((p, i) => ($"f{i}", p, estimate[i])).ToArray());

    [Theory]
    [InlineData(3.7)]
    [InlineData(-1.0)] // a negative scale negates every relative translation: checks the sign folding
    public void Cameras_under_a_global_similarity_score_exactly_100(double scale)
    {
        var rng = new Random(70);
        var truth = RandomCameras(rng, 10);
        var r = SyntheticScene.RandomRotation(rng);
        var est = truth.Select(p => (Pose?)ApplySimilarity(p, scale, r, [5, -3, 2])).ToArray();

        var report = MultiViewPoseEvaluator.Evaluate([Sequence("apple/seq1", truth, est)]);

        report.Overall.Should().Be(new MultiViewPoseScores(100, 100, 100, 45));
    }

    [Fact]
    public void Opposite_translation_directions_have_zero_error()
    {
        MultiViewPoseAccuracy.TranslationAngleDeg([1, 2, 3], [-2, -4, -6]).Should().BeLessThan(1e-5);
        MultiViewPoseAccuracy.TranslationAngleDeg([1, 0, 0], [0, 1, 0]).Should().BeApproximately(90, 1e-12);
        MultiViewPoseAccuracy.TranslationAngleDeg([1, 0, 0], [-1, 1, 0]).Should().BeApproximately(45, 1e-9);
        MultiViewPoseAccuracy.TranslationAngleDeg([1, 0, 0], [0, 0, 0]).Should().Be(90, "a zero vector has cos = 0 after the +eps normalisation");
    }

    [Fact]
    public void Nine_of_45_pairs_off_by_20_degrees_give_80_100_and_86_667()
    {
        var r = Enumerable.Repeat(0.0, 36).Concat(Enumerable.Repeat(20.0, 9)).ToArray();
        var t = new double[45];
        var s = MultiViewPoseEvaluator.Score(r, t);
        s.Rra15.Should().BeApproximately(80.0, 1e-12);
        s.Rta15.Should().Be(100);
        s.Maa30.Should().BeApproximately(100 * (36.0 / 45 + 9.0 / 45 * 10 / 30), 1e-12);
        s.Maa30.Should().BeApproximately(86.667, 5e-4);
    }

    [Fact]
    public void Rotating_camera_0_about_its_centre_by_20_degrees_fails_its_9_pairs_in_rotation()
    {
        var rng = new Random(71);
        var truth = RandomCameras(rng, 10);
        var est = truth.Select(p => (Pose?)p).ToArray();
        var delta = Rotation3.FromAxisAngle(SyntheticScene.RandomUnitVector(rng), Rotation3.DegToRad(20));
        est[0] = new Pose(Rotation3.Multiply(delta, truth[0].Rotation), Rotation3.Apply(delta, truth[0].Translation));

        var report = MultiViewPoseEvaluator.Evaluate([Sequence("cup/1", truth, est)]);

        report.Overall.Rra15.Should().BeApproximately(80.0, 1e-12);
        for (int j = 1; j < 10; j++)
            MultiViewPoseAccuracy.PairErrors(truth[0], truth[j], est[0], est[j]).RotationDeg.Should().BeApproximately(20, 1e-9);
    }

    [Theory]
    [InlineData(new[] { 0.0, 0.0 }, 100.0)]
    [InlineData(new[] { 15.0 }, 50.0)]
    [InlineData(new[] { 15.5 }, 50.0)]
    [InlineData(new[] { 29.99 }, 100.0 / 30)]
    [InlineData(new[] { 30.0 }, 100.0 / 30)]
    [InlineData(new[] { 30.01 }, 0.0)]
    [InlineData(new[] { 0.0, 10, 20, 40 }, 50.0)]
    [InlineData(new[] { double.PositiveInfinity, 0.5 }, 50.0)]
    public void MAA_uses_the_integer_histogram_with_a_closed_last_bin(double[] errors, double expected) =>
        MultiViewPoseAccuracy.MeanAverageAccuracyPercent(errors).Should().BeApproximately(expected, 1e-12);

    [Fact]
    public void Categories_are_scored_separately_then_averaged_without_weights()
    {
        var rng = new Random(72);
        var goodTruth = RandomCameras(rng, 5);
        var badTruth = RandomCameras(rng, 3);
        var otherTruth = RandomCameras(rng, 4);
        var bad = badTruth.Select(_ => (Pose?)SyntheticScene.RandomPoseAt(rng, [0, 0, 0])).ToArray();
        bad[0] = null; // a missing frame fails its pairs

        var report = MultiViewPoseEvaluator.Evaluate([
            Sequence("car/a", goodTruth, goodTruth.Select(p => (Pose?)p).ToArray()),
            Sequence("car/b", otherTruth, otherTruth.Select(p => (Pose?)p).ToArray()),
            Sequence("tv", badTruth, bad),
        ]);

        report.PerCategory.Keys.Should().Equal("car", "tv");
        report.PerCategory["car"].Pairs.Should().Be(10 + 6);
        report.PerCategory["car"].Rra15.Should().Be(100);
        report.PerCategory["tv"].Pairs.Should().Be(3);
        report.Overall.Pairs.Should().Be(19);
        report.Overall.Rra15.Should().Be((100 + report.PerCategory["tv"].Rra15) / 2);
        report.Overall.Maa30.Should().Be((100 + report.PerCategory["tv"].Maa30) / 2);
        report.PerCategory["tv"].Rra15.Should().BeLessThanOrEqualTo(100.0 / 3, "two of the three pairs involve the missing frame");
    }

    [Fact]
    public void Random_poses_agree_with_an_independent_quaternion_based_computation()
    {
        var rng = new Random(73);
        var rErrs = new List<double>();
        var tErrs = new List<double>();
        var truthAll = new List<Pose[]>();
        var estAll = new List<Pose?[]>();
        for (int s = 0; s < 20; s++)
        {
            var truth = RandomCameras(rng, 10);
            // Noise spanning 0–60° so that every threshold and histogram bin is exercised.
            var est = truth.Select(p => (Pose?)VislocEvaluatorTests.Perturb(rng, p, rng.NextDouble() * 2, rng.NextDouble() * rng.NextDouble() * 60)).ToArray();
            truthAll.Add(truth);
            estAll.Add(est);
            for (int i = 0; i < 10; i++)
                for (int j = i + 1; j < 10; j++)
                {
                    rErrs.Add(QuaternionRelativeAngleDeg(truth[i], truth[j], est[i]!, est[j]!));
                    tErrs.Add(FoldedDirectionAngleDeg(truth[i], truth[j], est[i]!, est[j]!));
                }
        }
        var report = MultiViewPoseEvaluator.Evaluate(truthAll.Select((t, k) => Sequence($"hydrant/{k}", t, estAll[k])));

        var maxErr = rErrs.Zip(tErrs, Math.Max).ToArray();
        report.Overall.Pairs.Should().Be(900);
        report.Overall.Rra15.Should().Be(100.0 * rErrs.Count(e => e < 15) / 900);
        report.Overall.Rta15.Should().Be(100.0 * tErrs.Count(e => e < 15) / 900);
        double maa = Enumerable.Range(1, 30).Average(k => (double)maxErr.Count(e => k < 30 ? e < k : e <= k) / 900) * 100;
        report.Overall.Maa30.Should().BeApproximately(maa, 1e-9);
        report.Overall.Rra15.Should().BeInRange(1, 99, "the noise must straddle the threshold for the comparison to mean anything");
    }

    private static double QuaternionRelativeAngleDeg(Pose ti, Pose tj, Pose ei, Pose ej)
    {
        var g = new Pose(Rotation3.Multiply(tj.Rotation, Rotation3.Transpose(ti.Rotation)), [0, 0, 0]).ToQuaternion();
        var e = new Pose(Rotation3.Multiply(ej.Rotation, Rotation3.Transpose(ei.Rotation)), [0, 0, 0]).ToQuaternion();
        double dot = Math.Abs(g.W * e.W + g.X * e.X + g.Y * e.Y + g.Z * e.Z);
        return 2 * Math.Acos(Math.Min(1, dot)) * 180 / Math.PI;
    }

    private static double FoldedDirectionAngleDeg(Pose ti, Pose tj, Pose ei, Pose ej)
    {
        // Relative translation as the position of camera i in camera j's frame.
        double[] Rel(Pose i, Pose j) => j.Apply(i.CameraCenter());
        var a = Rel(ti, tj);
        var b = Rel(ei, ej);
        double cos = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / Math.Sqrt((a[0] * a[0] + a[1] * a[1] + a[2] * a[2]) * (b[0] * b[0] + b[1] * b[1] + b[2] * b[2]));
        return Math.Acos(Math.Min(1, Math.Abs(cos))) * 180 / Math.PI;
    }
}
