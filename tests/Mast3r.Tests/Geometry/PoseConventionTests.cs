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
    public void Colmap_intrinsics_move_the_principal_point_by_half_a_pixel_both_ways_also_from_dataset_readers()
    {
        var k = PinholeCamera.FromColmap(1000, 1000, 800, 600);
        k.Cx.Should().Be(799.5);
        k.ColmapPrincipalPoint.Should().Be((800.0, 600.0));
        var fromDataset = PinholeCamera.From(Mast3r.Datasets.CameraIntrinsics.FromColmap("SIMPLE_RADIAL", 1600, 1200, [1469.2, 800, 600, -0.0353]));
        fromDataset.Cx.Should().Be(799.5);
        fromDataset.Distortion.Should().Equal(-0.0353, 0, 0, 0);
        PixelConvention.OpenCvToColmap(PixelConvention.ColmapToOpenCv(new OpenCvSharp.Point2d(3, 4))).Should().Be(new OpenCvSharp.Point2d(3, 4));
    }

    [Fact]
    public void Pytorch3d_identity_with_translation_maps_to_the_documented_opencv_camera()
    {
        // protocols.md §6.4: R_p3d = I, T = (1, 2, 3) → R_cv = diag(−1, −1, 1), t_cv = (−1, −2, 3);
        // camera→world = [[−1, 0, 0, −1], [0, −1, 0, −2], [0, 0, 1, −3]].
        var pose = Pytorch3dCamera.ToOpenCv(Rotation3.Identity(), [1, 2, 3]);
        pose.Rotation.Should().BeEquivalentTo(new double[,] { { -1, 0, 0 }, { 0, -1, 0 }, { 0, 0, 1 } });
        pose.Translation.Should().Equal(-1, -2, 3);
        var c2w = pose.Inverse();
        c2w.Rotation.Should().BeEquivalentTo(new double[,] { { -1, 0, 0 }, { 0, -1, 0 }, { 0, 0, 1 } });
        c2w.Translation.Should().Equal(-1, -2, -3);
    }

    [Fact]
    public void Pytorch3d_conversion_agrees_with_projecting_row_vectors()
    {
        var rng = new Random(43);
        var r = SyntheticScene.RandomRotation(rng);
        double[] t = [0.3, -1.2, 4];
        double[] x = [0.7, 0.1, -2];
        // pytorch3d view coordinates (row vector): x·R + T, then flip X and Y to reach OpenCV's axes.
        var view = new double[3];
        for (int j = 0; j < 3; j++) view[j] = x[0] * r[0, j] + x[1] * r[1, j] + x[2] * r[2, j] + t[j];
        var cam = Pytorch3dCamera.ToOpenCv(r, t).Apply(x);
        cam[0].Should().BeApproximately(-view[0], 1e-12);
        cam[1].Should().BeApproximately(-view[1], 1e-12);
        cam[2].Should().BeApproximately(view[2], 1e-12);
    }
}
