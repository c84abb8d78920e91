using FluentAssertions;
using Mast3r.Geometry;
using Xunit;

namespace Mast3r.Tests.Geometry;

[Trait("Category", "Unit")]
public class PoseConventionTests
{
    [Fact]
    public void Quaternion_is_w_first_and_maps_world_to_camera()
    {
        // 90° about +z: (w, x, y, z) = (cos 45°, 0, 0, sin 45°); the world x axis lands on the camera y axis.
        double h = Math.Sqrt(0.5);
        var pose = Pose.FromQuaternion(h, 0, 0, h, 1, 2, 3);
        var x = pose.Apply([1, 0, 0]);
        x[0].Should().BeApproximately(1, 1e-15);
        x[1].Should().BeApproximately(3, 1e-15);
        x[2].Should().BeApproximately(3, 1e-15);
        var q = pose.ToQuaternion();
        q.W.Should().BeApproximately(h, 1e-15);
        q.Z.Should().BeApproximately(h, 1e-15);
    }

    [Fact]
    public void Camera_centre_is_minus_R_transpose_t_and_maps_to_the_origin()
    {
        var rng = new Random(40);
        var pose = SyntheticScene.RandomPoseAt(rng, [4, -2, 9]);
        var c = pose.CameraCenter();
        c[0].Should().BeApproximately(4, 1e-12);
        pose.Apply(c).Should().OnlyContain(v => Math.Abs(v) < 1e-12);
    }

    [Fact]
    public void Quaternion_round_trip_accepts_either_sign_for_random_rotations()
    {
        var rng = new Random(41);
        for (int i = 0; i < 200; i++)
        {
            var pose = new Pose(SyntheticScene.RandomRotation(rng), [rng.NextDouble(), 0, 0]);
            var q = pose.ToQuaternion();
            var back = Pose.FromQuaternion(-q.W, -q.X, -q.Y, -q.Z, 0, 0, 0);
            Rotation3.AngleBetween(back.Rotation, pose.Rotation).Should().BeLessThan(1e-12);
        }
    }

    [Theory]
    [InlineData(1e-9)]
    [InlineData(1e-4)]
    [InlineData(1.0)]
    [InlineData(179.999)]
    [InlineData(180.0)]
    public void Geodesic_angle_is_accurate_from_nanodegrees_to_half_turns(double degrees)
    {
        var rng = new Random(42);
        var a = SyntheticScene.RandomRotation(rng);
        var b = Rotation3.Multiply(a, Rotation3.FromAxisAngle(SyntheticScene.RandomUnitVector(rng), Rotation3.DegToRad(degrees)));
        Rotation3.RadToDeg(Rotation3.AngleBetween(a, b)).Should().BeApproximately(degrees, Math.Max(1e-12, degrees * 1e-9) + (degrees >= 179 ? 1e-6 : 0));
    }

    [Fact]
    public void Colmap_intrinsics_move_the_principal_point_by_half_a_pixel_both_ways()
    {
        var k = CameraIntrinsics.FromColmap(1000, 1000, 800, 600);
        k.Cx.Should().Be(799.5);
        k.ColmapPrincipalPoint.Should().Be((800.0, 600.0));
        PixelConvention.OpenCvToColmap(PixelConvention.ColmapToOpenCv(new OpenCvSharp.Point2d(3, 4))).Should().Be(new OpenCvSharp.Point2d(3, 4));
    }
}
