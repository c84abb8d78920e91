using FluentAssertions;
using Mast3r.Metrics.MapFree;
using Xunit;
using static Mast3r.Tests.Metrics.MapFree.MapFreeTestScenes;

namespace Mast3r.Tests.Metrics.MapFree;

/// <summary>Per-frame errors against protocols.md §2.8 values and their invariances.</summary>
[Trait("Category", "Unit")]
public class MapFreeFrameMetricsTests
{
    private static readonly double[,] I3 = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };

    private static MapFreeBenchmark.FrameErrors Errors(MapFreePose gt, MapFreePose est) =>
        MapFreeBenchmark.ComputeFrame(gt, est, K, Width, Height);

    [Fact]
    public void Virtual_grid_has_196_points_spanning_the_documented_ranges()
    {
        var p = MapFreeFrameMetrics.VirtualPoints;
        p.Should().HaveCount(196);
        p.Select(v => Math.Round(v[0], 9)).Distinct().Order().Should().Equal(-0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9);
        p.Select(v => Math.Round(v[1], 9)).Distinct().Order().Should().Equal(-0.45, -0.15, 0.15, 0.45);
        p.Select(v => Math.Round(v[2], 9)).Distinct().Order().Should().Equal(1.8, 2.1, 2.4, 2.7, 3.0, 3.3, 3.6);
    }

    [Fact]
    public void Estimate_equal_to_ground_truth_has_zero_errors()
    {
        var rng = new Random(1);
        var gt = FromRotationAndCentre(RandomRotation(rng), RandomVector(rng, 4));
        var e = Errors(gt, gt);
        e.TranslationError.Should().BeApproximately(0, 1e-12);
        e.RotationError.Should().BeApproximately(0, 1e-6);
        e.Vcre.Should().BeApproximately(0, 1e-9);
    }

    [Theory]
    [InlineData(0.01, 1.952089)] // 5·mean(1/z), no clipping
    [InlineData(0.1, 19.362159)] // clipping active (unclipped: 19.52)
    public void Centre_shift_along_camera_x_gives_the_reference_vcre(double d, double expectedVcre)
    {
        var rng = new Random(2);
        var r = RandomRotation(rng);
        var c = RandomVector(rng, 3);
        // Camera x axis in world coordinates = first row of R (world→camera).
        var shifted = new[] { c[0] + d * r[0, 0], c[1] + d * r[0, 1], c[2] + d * r[0, 2] };
        var e = Errors(FromRotationAndCentre(r, c), FromRotationAndCentre(r, shifted));
        e.TranslationError.Should().BeApproximately(d, 1e-12);
        e.RotationError.Should().BeApproximately(0, 1e-6);
        e.Vcre.Should().BeApproximately(expectedVcre, 5e-7);
    }

    [Fact]
    public void One_degree_about_the_optical_axis_gives_the_reference_vcre()
    {
        var gt = FromRotationAndCentre(I3, [0, 0, 0]);
        var est = FromRotationAndCentre(AxisAngle([0, 0, 1], Math.PI / 180), [0, 0, 0]);
        var e = Errors(gt, est);
        e.RotationError.Should().BeApproximately(1.0, 1e-9);
        e.TranslationError.Should().BeApproximately(0, 1e-15);
        e.Vcre.Should().BeApproximately(2.172375, 5e-7);
    }

    [Theory]
    [InlineData(1e-9)]
    [InlineData(1e-6)]
    [InlineData(0.3)]
    [InlineData(2.5)]
    [InlineData(Math.PI - 1e-6)]
    public void Rotation_error_equals_the_perturbation_angle_even_for_tiny_angles(double theta)
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 20; trial++)
        {
            var r = RandomRotation(rng);
            var c = RandomVector(rng, 2);
            var delta = AxisAngle(RandomVector(rng, 1), theta);
            var e = Errors(FromRotationAndCentre(r, c), FromRotationAndCentre(Multiply(delta, r), c));
            e.RotationError.Should().BeApproximately(theta * 180 / Math.PI, Math.Max(1e-9, theta * 180 / Math.PI * 1e-7));
        }
    }

    [Fact]
    public void Errors_ignore_quaternion_sign_and_rotation_error_is_symmetric()
    {
        var rng = new Random(4);
        for (int trial = 0; trial < 50; trial++)
        {
            var gt = FromRotationAndCentre(RandomRotation(rng), RandomVector(rng, 5));
            var est = FromRotationAndCentre(RandomRotation(rng), RandomVector(rng, 5));
            var flipped = est with { Qw = -est.Qw, Qx = -est.Qx, Qy = -est.Qy, Qz = -est.Qz };
            var a = Errors(gt, est);
            var b = Errors(gt, flipped);
            b.TranslationError.Should().BeApproximately(a.TranslationError, 1e-12);
            b.RotationError.Should().BeApproximately(a.RotationError, 1e-9);
            b.Vcre.Should().BeApproximately(a.Vcre, 1e-9);
            Errors(est, gt).RotationError.Should().BeApproximately(a.RotationError, 1e-9);
            a.RotationError.Should().BeInRange(0, 180);
            a.Vcre.Should().BeInRange(0, Math.Sqrt(Width * Width + Height * Height));
        }
    }

    [Fact]
    public void Translation_error_is_the_camera_centre_distance()
    {
        var rng = new Random(5);
        var c1 = RandomVector(rng, 4);
        var c2 = RandomVector(rng, 4);
        var e = Errors(FromRotationAndCentre(RandomRotation(rng), c1), FromRotationAndCentre(RandomRotation(rng), c2));
        double d = Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (c1[i] - c2[i]) * (c1[i] - c2[i])));
        e.TranslationError.Should().BeApproximately(d, 1e-12);
    }

    [Fact]
    public void Non_unit_quaternion_acts_as_its_normalisation_like_the_reference_conversion()
    {
        // transforms3d: qinverse(q) = conj(q)/|q| (unit), so c = −R(q̂)ᵀ·t whatever |q| is.
        var rng = new Random(9);
        var gt = FromRotationAndCentre(RandomRotation(rng), RandomVector(rng, 3));
        var unit = FromRotationAndCentre(RandomRotation(rng), RandomVector(rng, 3), 1);
        var scaled = unit with { Qw = 2.5 * unit.Qw, Qx = 2.5 * unit.Qx, Qy = 2.5 * unit.Qy, Qz = 2.5 * unit.Qz };
        var a = Errors(gt, unit);
        var b = Errors(gt, scaled);
        b.TranslationError.Should().BeApproximately(a.TranslationError, 1e-12);
        b.RotationError.Should().BeApproximately(a.RotationError, 1e-9);
        b.Vcre.Should().BeApproximately(a.Vcre, 1e-9);
        Errors(FromRotationAndCentre(I3, [0, 0, 0]), new MapFreePose(2, 0, 0, 0, -1, 0, 0, 1)).TranslationError.Should().BeApproximately(1, 1e-15);
    }

    [Fact]
    public void Projection_is_clipped_to_the_image_even_behind_the_estimated_camera()
    {
        var gt = FromRotationAndCentre(I3, [0, 0, 0]);
        var est = FromRotationAndCentre(AxisAngle([0, 1, 0], Math.PI), [0, 0, 0]);
        var e = Errors(gt, est);
        e.RotationError.Should().BeApproximately(180, 1e-6);
        double.IsFinite(e.Vcre).Should().BeTrue();
        e.Vcre.Should().BeLessThanOrEqualTo(Math.Sqrt(Width * Width + Height * Height));
    }
}
