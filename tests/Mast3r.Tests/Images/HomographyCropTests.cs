using FluentAssertions;
using Mast3r.Images;
using Xunit;

namespace Mast3r.Tests.Images;

/// <summary>The principal-point-centring crop homography (crop_to_homography facts) and the Pillow-style perspective warp.</summary>
[Trait("Category", "Unit")]
public class HomographyCropTests
{
    private const double F = 1000, Cx = 800, Cy = 600;

    private static double[] K(double cx, double cy) => new[] { F, 0, cx, 0, F, cy, 0, 0, 1 };

    [Fact]
    public void Warped_crop_is_a_rotated_camera_with_the_same_focal_and_a_centred_principal_point()
    {
        var h = HomographyCrop.For(F, F, Cx, Cy, 1088, 816, 1600, 1200);
        // K⁻¹·H·K₂ must be a rotation (up to scale) when K₂ has the principal point at (256, 192).
        var m = PixelMaps.Multiply(PixelMaps.Multiply(PixelMaps.Inverse(K(Cx, Cy)), h), K(256, 192));
        double scale = Math.Cbrt(Det(m));
        var r = m.Select(v => v / scale).ToArray();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double dot = r[i] * r[j] + r[3 + i] * r[3 + j] + r[6 + i] * r[6 + j];
                dot.Should().BeApproximately(i == j ? 1 : 0, 1e-12);
            }
        h[8].Should().Be(1);
    }

    [Fact]
    public void Homography_maps_the_target_corner_onto_the_crop_corner_farthest_from_the_principal_point()
    {
        // Right/bottom are farther from (800, 600) than left/top: the target corner (512, 384) lands on (1600, 1200).
        var (x, y) = PixelMaps.Apply(HomographyCrop.For(F, F, Cx, Cy, 1088, 816, 1600, 1200), 512, 384);
        x.Should().BeApproximately(1600, 1e-9);
        y.Should().BeApproximately(1200, 1e-9);
        // Left/top farther: the target origin lands on the crop's top-left corner.
        (x, y) = PixelMaps.Apply(HomographyCrop.For(F, F, Cx, Cy, 0, 0, 512, 384), 0, 0);
        x.Should().BeApproximately(0, 1e-9);
        y.Should().BeApproximately(0, 1e-9);
    }

    [Fact]
    public void Crop_centred_on_the_principal_point_gives_a_pure_translation()
    {
        var h = HomographyCrop.For(F, F, Cx, Cy, 544, 408, 1056, 792);
        var expected = PixelMaps.Translation(544, 408);
        for (int i = 0; i < 9; i++) h[i].Should().BeApproximately(expected[i], 1e-9);
    }

    [Fact]
    public void Rotation_from_the_optical_axis_reaches_the_ray()
    {
        var r = HomographyCrop.AxisToRay((0.3, -0.4));
        // R·(0, 0, 1) = third column ∝ (0.3, −0.4, 1).
        (r[2] / r[8]).Should().BeApproximately(0.3, 1e-12);
        (r[5] / r[8]).Should().BeApproximately(-0.4, 1e-12);
    }

    [Fact]
    public void Translation_warp_copies_pixels_and_fills_outside_with_black()
    {
        var rng = new Random(3);
        var src = new byte[20 * 10 * 3];
        rng.NextBytes(src);
        var t = PixelMaps.Translation(4, 2);
        var warped = PerspectiveWarp.Bicubic(src, 20, 10, t, 8, 5);
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 8; x++)
                for (int c = 0; c < 3; c++)
                    warped[(y * 8 + x) * 3 + c].Should().Be(src[((y + 2) * 20 + x + 4) * 3 + c]);
        var outside = PerspectiveWarp.Bicubic(src, 20, 10, PixelMaps.Translation(15, 0), 8, 5);
        outside[(0 * 8 + 7) * 3].Should().Be(0, "column 15 + 7 lies outside the 20-px source");
    }

    [Fact]
    public void Bicubic_warp_keeps_a_constant_image_constant_under_a_homography()
    {
        var src = Enumerable.Repeat((byte)100, 64 * 48 * 3).ToArray();
        var h = HomographyCrop.For(60, 60, 10, 8, 16, 12, 48, 36);
        var warped = PerspectiveWarp.Bicubic(src, 64, 48, h, 32, 24);
        warped.Should().OnlyContain(v => v == 100);
    }

    [Fact]
    public void Nearest_raster_warp_keeps_invalid_cells_invalid()
    {
        // A 3-D index raster: -1 = no point (NaN in the official float planes).
        var raster = Enumerable.Range(0, 10 * 6).Select(i => i % 3 == 0 ? -1 : i).ToArray();
        var h = new[] { 1.0, 0.02, 1.2, -0.01, 1.0, 0.7, 0, 0, 1 };
        var warped = PerspectiveWarp.Nearest(raster, 10, 6, h, 8, 5, -1);
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 8; x++)
            {
                var (sx, sy) = PixelMaps.Apply(h, x + 0.5, y + 0.5);
                int expected = raster[(int)sy * 10 + (int)sx];
                warped[y * 8 + x].Should().Be(expected);
            }
        warped.Should().Contain(-1);
        PerspectiveWarp.Nearest(raster, 10, 6, PixelMaps.Translation(-5, 0), 8, 5, -1)[0].Should().Be(-1, "outside the source");
    }

    private static double Det(double[] m) =>
        m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}
