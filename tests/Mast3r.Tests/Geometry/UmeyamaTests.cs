using FluentAssertions;
using Mast3r.Geometry;
using OpenCvSharp;
using Xunit;

namespace Mast3r.Tests.Geometry;

[Trait("Category", "Unit")]
public class UmeyamaTests
{
    private static Point3d[] RandomCloud(Random rng, int n) =>
        Enumerable.Range(0, n).Select(_ => new Point3d(rng.NextDouble() * 10 - 5, rng.NextDouble() * 4 - 2, rng.NextDouble() * 6)).ToArray();

    [Fact]
    public void Noise_free_similarity_is_recovered_to_machine_precision()
    {
        var rng = new Random(21);
        var truth = new SimilarityTransform(2.75, SyntheticScene.RandomRotation(rng), [3, -1, 7]);
        var src = RandomCloud(rng, 50);
        var dst = src.Select(truth.Apply).ToArray();

        var est = Umeyama.Estimate(src, dst);

        est.Scale.Should().BeApproximately(2.75, 1e-12);
        Rotation3.AngleBetween(est.Rotation, truth.Rotation).Should().BeLessThan(1e-12);
        est.Translation.Zip(truth.Translation, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-11);
    }

    [Fact]
    public void Zero_weight_points_do_not_influence_the_fit()
    {
        var rng = new Random(22);
        var truth = new SimilarityTransform(0.5, SyntheticScene.RandomRotation(rng), [1, 2, 3]);
        var src = RandomCloud(rng, 30);
        var dst = src.Select(truth.Apply).ToArray();
        var weights = Enumerable.Range(0, 30).Select(i => i < 5 ? 0.0 : 1.0 + i).ToArray();
        for (int i = 0; i < 5; i++) dst[i] = new Point3d(100 * i, -50, 9); // corrupted but weightless

        var est = Umeyama.Estimate(src, dst, weights);

        est.Scale.Should().BeApproximately(0.5, 1e-12);
        Rotation3.AngleBetween(est.Rotation, truth.Rotation).Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Weights_change_the_least_squares_solution_under_noise()
    {
        var rng = new Random(23);
        var src = RandomCloud(rng, 40);
        var dst = src.Select(p => new Point3d(p.X + 0.1 * SyntheticScene.Gaussian(rng), p.Y, p.Z)).ToArray();
        var uniform = Umeyama.Estimate(src, dst);
        var skewed = Umeyama.Estimate(src, dst, Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? 10.0 : 0.1).ToArray());
        Math.Abs(uniform.Scale - skewed.Scale).Should().BeGreaterThan(1e-6);
    }

    [Fact]
    public void A_mirrored_target_yields_a_proper_rotation_not_a_reflection()
    {
        var rng = new Random(24);
        var src = RandomCloud(rng, 20);
        var mirrored = src.Select(p => new Point3d(-p.X, p.Y, p.Z)).ToArray();
        var est = Umeyama.Estimate(src, mirrored);
        Rotation3.Determinant(est.Rotation).Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Rigid_mode_keeps_unit_scale()
    {
        var rng = new Random(25);
        var truth = new SimilarityTransform(1, SyntheticScene.RandomRotation(rng), [0.5, 0, -2]);
        var src = RandomCloud(rng, 10);
        var dst = src.Select(truth.Apply).ToArray();
        var est = Umeyama.Estimate(src, dst, withScale: false);
        est.Scale.Should().Be(1);
        Rotation3.AngleBetween(est.Rotation, truth.Rotation).Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Planar_source_points_are_enough()
    {
        var rng = new Random(26);
        var truth = new SimilarityTransform(1.3, SyntheticScene.RandomRotation(rng), [1, 1, 1]);
        var src = Enumerable.Range(0, 12).Select(_ => new Point3d(rng.NextDouble(), rng.NextDouble(), 0)).ToArray();
        var est = Umeyama.Estimate(src, src.Select(truth.Apply).ToArray());
        Rotation3.AngleBetween(est.Rotation, truth.Rotation).Should().BeLessThan(1e-10);
        est.Scale.Should().BeApproximately(1.3, 1e-12);
    }

    [Fact]
    public void Degenerate_inputs_throw_clear_errors()
    {
        var two = new[] { new Point3d(0, 0, 0), new Point3d(1, 0, 0) };
        var same = Enumerable.Repeat(new Point3d(1, 1, 1), 5).ToArray();
        var line = Enumerable.Range(0, 5).Select(i => new Point3d(i, 2 * i, 3 * i)).ToArray();
        var ok = new[] { new Point3d(0, 0, 0), new Point3d(1, 0, 0), new Point3d(0, 1, 0) };

        FluentActions.Invoking(() => Umeyama.Estimate(two, two)).Should().Throw<ArgumentException>().WithMessage("*at least 3*");
        FluentActions.Invoking(() => Umeyama.Estimate(same, same)).Should().Throw<ArgumentException>().WithMessage("*coincide*");
        FluentActions.Invoking(() => Umeyama.Estimate(line, line)).Should().Throw<ArgumentException>().WithMessage("*collinear*");
        FluentActions.Invoking(() => Umeyama.Estimate(ok, ok, [0.0, 0, 0])).Should().Throw<ArgumentException>().WithMessage("*weights are zero*");
        FluentActions.Invoking(() => Umeyama.Estimate(ok, ok, [1.0, -1, 1])).Should().Throw<ArgumentException>().WithMessage("*weights[1]*");
    }
}
