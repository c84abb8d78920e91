using FluentAssertions;
using Mast3r.Geometry;
using OpenCvSharp;
using Xunit;

namespace Mast3r.Tests.Geometry;

[Trait("Category", "Unit")]
public class TriangulationTests
{
    private static readonly PinholeCamera K = new(800, 790, 320, 240);

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Noise_free_observations_give_the_point_back(int views)
    {
        var rng = new Random(30 + views);
        var point = new Point3d(0.3, -0.2, 6);
        var poses = Enumerable.Range(0, views).Select(i =>
        {
            var pose = SyntheticScene.RandomPoseAt(rng, [i * 0.7 - 1, 0.2 * i, -0.5 * i]);
            // Re-aim the camera at the point so that it is in front.
            return LookAt([pose.CameraCenter()[0], pose.CameraCenter()[1], pose.CameraCenter()[2]], point);
        }).ToArray();
        var cameras = Enumerable.Repeat(K, views).ToArray();
        var pixels = poses.Select(p => SyntheticScene.Project(p, K, point)).ToArray();

        var t = Triangulation.Triangulate(poses, cameras, pixels);

        Math.Abs(t.Point.X - point.X).Should().BeLessThan(1e-9);
        Math.Abs(t.Point.Y - point.Y).Should().BeLessThan(1e-9);
        Math.Abs(t.Point.Z - point.Z).Should().BeLessThan(1e-9);
        t.InFrontOfAllCameras.Should().BeTrue();
        t.ReprojectionErrorsPx.Should().OnlyContain(e => e < 1e-7);
    }

    [Fact]
    public void A_point_behind_one_camera_is_reported_by_its_depth()
    {
        var front = Pose.Identity;
        var behind = new Pose(Rotation3.FromAxisAngle([0, 1, 0], Math.PI), [0.5, 0, 0]);
        var point = new Point3d(0.1, 0.1, 4);
        var pixels = new[] { SyntheticScene.Project(front, K, point), SyntheticScene.Project(behind, K, point) };
        var t = Triangulation.Triangulate([front, behind], [K, K], pixels);
        t.Depths[0].Should().BeApproximately(4, 1e-9);
        t.Depths[1].Should().BeLessThan(0);
        t.InFrontOfAllCameras.Should().BeFalse();
    }

    [Fact]
    public void Coincident_camera_centres_throw_instead_of_returning_nan()
    {
        var a = Pose.Identity;
        var b = new Pose(Rotation3.FromAxisAngle([0, 1, 0], 0.1), [0, 0, 0]);
        var point = new Point3d(0.2, 0.1, 5);
        var act = () => Triangulation.Triangulate([a, b], [K, K], [SyntheticScene.Project(a, K, point), SyntheticScene.Project(b, K, point)]);
        act.Should().Throw<ArgumentException>().WithMessage("*parallel or the cameras coincide*");
    }

    [Fact]
    public void Parallel_rays_from_distinct_centres_meet_at_infinity_and_throw()
    {
        var a = Pose.Identity;
        var b = new Pose(Rotation3.Identity(), [-1, 0, 0]);
        var pixel = new Point2d(K.Cx, K.Cy); // both optical axes: parallel rays
        var act = () => Triangulation.Triangulate([a, b], [K, K], [pixel, pixel]);
        act.Should().Throw<ArgumentException>().WithMessage("*infinity*");
    }

    [Fact]
    public void A_single_view_is_rejected()
    {
        var act = () => Triangulation.Triangulate([Pose.Identity], [K], [new Point2d(1, 1)]);
        act.Should().Throw<ArgumentException>().WithMessage("*at least 2 views*");
    }

    private static Pose LookAt(double[] centre, Point3d target)
    {
        double[] z = [target.X - centre[0], target.Y - centre[1], target.Z - centre[2]];
        Normalise(z);
        double[] up = Math.Abs(z[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0];
        var x = Cross(up, z);
        Normalise(x);
        var y = Cross(z, x);
        var r = new double[,] { { x[0], x[1], x[2] }, { y[0], y[1], y[2] }, { z[0], z[1], z[2] } };
        var rc = Rotation3.Apply(r, centre);
        return new Pose(r, [-rc[0], -rc[1], -rc[2]]);
    }

    private static double[] Cross(double[] a, double[] b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

    private static void Normalise(double[] v)
    {
        double n = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        for (int i = 0; i < 3; i++) v[i] /= n;
    }
}
