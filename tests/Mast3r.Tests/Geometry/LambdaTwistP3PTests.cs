using FluentAssertions;
using Mast3r.Geometry;
using Xunit;

namespace Mast3r.Tests.Geometry;

[Trait("Category", "Unit")]
public class LambdaTwistP3PTests
{
    private static (RigidMotion Truth, Vec3[] Bearings, Vec3[] Points) RandomMinimalSample(Random rng)
    {
        var pose = SyntheticScene.RandomPoseAt(rng, [rng.NextDouble() * 20 - 10, rng.NextDouble() * 20 - 10, rng.NextDouble() * 20 - 10]);
        var r = pose.Rotation;
        var truth = new RigidMotion([r[0, 0], r[0, 1], r[0, 2], r[1, 0], r[1, 1], r[1, 2], r[2, 0], r[2, 1], r[2, 2]], pose.Translation);
        var inverse = pose.Inverse();
        var bearings = new Vec3[3];
        var points = new Vec3[3];
        for (int k = 0; k < 3; k++)
        {
            // A camera-frame point in a 90° cone at depth 1–30, mapped to the world.
            double[] cam = [rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1, 1];
            double depth = 1 + rng.NextDouble() * 29;
            var w = inverse.Apply([cam[0] * depth, cam[1] * depth, depth]);
            points[k] = new Vec3(w[0], w[1], w[2]);
            bearings[k] = new Vec3(cam[0], cam[1], cam[2]).Normalized();
        }
        return (truth, bearings, points);
    }

    private static double Distance(RigidMotion a, RigidMotion b)
    {
        double d = 0;
        for (int i = 0; i < 9; i++) d = Math.Max(d, Math.Abs(a.R[i] - b.R[i]));
        for (int i = 0; i < 3; i++) d = Math.Max(d, Math.Abs(a.T[i] - b.T[i]) / (1 + Math.Abs(b.T[i])));
        return d;
    }

    [Fact]
    public void Exact_minimal_samples_return_the_true_pose_among_the_solutions()
    {
        var rng = new Random(11);
        int checkedSamples = 0;
        for (int trial = 0; trial < 500; trial++)
        {
            var (truth, bearings, points) = RandomMinimalSample(rng);
            var solutions = LambdaTwistP3P.Solve(bearings, points);
            solutions.Should().NotBeEmpty($"trial {trial} has an exact solution");
            solutions.Count.Should().BeLessThanOrEqualTo(4);
            solutions.Min(s => Distance(s, truth)).Should().BeLessThan(1e-9, $"trial {trial}");
            checkedSamples++;
        }
        checkedSamples.Should().Be(500);
    }

    [Fact]
    public void Every_solution_is_a_rotation_that_maps_each_point_onto_its_bearing_in_front_of_the_camera()
    {
        var rng = new Random(12);
        for (int trial = 0; trial < 200; trial++)
        {
            var (_, bearings, points) = RandomMinimalSample(rng);
            foreach (var s in LambdaTwistP3P.Solve(bearings, points))
            {
                var r = new double[,] { { s.R[0], s.R[1], s.R[2] }, { s.R[3], s.R[4], s.R[5] }, { s.R[6], s.R[7], s.R[8] } };
                Rotation3.Determinant(r).Should().BeApproximately(1, 1e-9);
                var rtr = Rotation3.Multiply(Rotation3.Transpose(r), r);
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++) rtr[i, j].Should().BeApproximately(i == j ? 1 : 0, 1e-9);
                for (int k = 0; k < 3; k++)
                {
                    var (x, y, z) = s.Apply(points[k].X, points[k].Y, points[k].Z);
                    var depth = Math.Sqrt(x * x + y * y + z * z);
                    depth.Should().BeGreaterThan(0);
                    var dir = new Vec3(x / depth, y / depth, z / depth);
                    (dir - bearings[k]).SquaredNorm.Should().BeLessThan(1e-18, $"trial {trial}, point {k}");
                }
            }
        }
    }

    [Fact]
    public void Collinear_world_points_give_no_finite_pose()
    {
        Vec3[] bearings = [new Vec3(0, 0, 1), new Vec3(0.1, 0, 1).Normalized(), new Vec3(0.2, 0, 1).Normalized()];
        Vec3[] points = [new Vec3(0, 0, 5), new Vec3(1, 0, 5), new Vec3(2, 0, 5)];
        LambdaTwistP3P.Solve(bearings, points).Where(s => s.IsFinite).Should().BeEmpty();
    }
}
