using FluentAssertions;
using Mast3r.Datasets;
using Mast3r.Datasets.Visloc;
using Mast3r.Geometry;
using Mast3r.Images;
using Mast3r.Localization;
using Mast3r.Matching;
using Mast3r.Tests.TestSupport;
using OpenCvSharp;
using Xunit;

namespace Mast3r.Tests.Localization;

/// <summary>The fine-resolution inputs of the coarse-to-fine visloc mode: max-size images and the map's 3-D raster.</summary>
[Trait("Category", "Unit")]
public class CoarseToFineInputsTests
{
    private static string Png(int w, int h)
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "img.png");
        using var mat = new Mat(h, w, MatType.CV_8UC3, new Scalar(10, 20, 30));
        Cv2.ImWrite(path, mat);
        return path;
    }

    [Fact]
    public void Max_size_resize_truncates_the_short_side_and_rescales_intrinsics_in_the_colmap_convention()
    {
        var camera = new CameraIntrinsics(40, 30, 40, 40, 19.5, 14.5);
        var image = MaxSizeImage.Load(Png(40, 30), camera, 20);
        (image.Width, image.Height).Should().Be((20, 15));
        (image.ToOrigX, image.ToOrigY).Should().Be((2.0, 2.0));
        image.K.Should().Be(new CameraIntrinsics(20, 15, 20, 20, 9.5, 7.0));

        // 41×30 → 20 × int(30·20/41 = 14.63) = 14; portrait 30×40 → int(30·20/40) = 15 × 20.
        var odd = MaxSizeImage.Load(Png(41, 30), camera with { Width = 41 }, 20);
        (odd.Width, odd.Height, odd.ToOrigX, odd.ToOrigY).Should().Be((20, 14, 41 / 20.0, 30 / 14.0));
        var portrait = MaxSizeImage.Load(Png(30, 40), new CameraIntrinsics(30, 40, 40, 40, 14.5, 19.5), 20);
        (portrait.Width, portrait.Height).Should().Be((15, 20));

        var unchanged = MaxSizeImage.Load(Png(40, 30), camera, null);
        (unchanged.Width, unchanged.ToOrigX, unchanged.K).Should().Be((40, 1.0, camera));
        FluentActions.Invoking(() => MaxSizeImage.Load(Png(40, 30), camera with { Width = 50 }, null))
            .Should().Throw<InvalidDataException>().WithMessage("*40x30*50x30*");
    }

    [Fact]
    public void Max_size_resize_is_torchvision_antialiased_bilinear_on_the_normalised_float_image()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "ramp.png");
        using (var mat = new Mat(30, 40, MatType.CV_8UC3))
        {
            for (int y = 0; y < 30; y++)
                for (int x = 0; x < 40; x++)
                    mat.Set(y, x, new Vec3b((byte)(6 * x), (byte)(8 * y), (byte)(x + y)));
            Cv2.ImWrite(path, mat);
        }
        var camera = new CameraIntrinsics(40, 30, 40, 40, 19.5, 14.5);
        var original = MaxSizeImage.Load(path, camera, null);
        var image = MaxSizeImage.Load(path, camera, 20);

        var expected = AntialiasedBilinear.Resize(original.Image.Data, 3, 40, 30, 20, 15);
        image.Image.Data.Should().Equal(expected, "no 8-bit rounding between ImgNorm and the resize");
        image.Image.Data.Should().Contain(v => Math.Abs((v + 1) * 127.5f - MathF.Round((v + 1) * 127.5f)) > 0.01f, "values between 8-bit levels survive");
        image.TruncatedBytes.Should().Equal(image.Image.ToBytesTruncated());
    }

    private static VislocMapImage Map(double[] pixels) =>
        new("m", "m.png", new CameraIntrinsics(20, 10, 10, 10, 9.5, 4.5), new Pose(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, new double[3]),
            pixels, Enumerable.Range(0, pixels.Length / 2 * 3).Select(i => (double)i).ToArray());

    [Fact]
    public void Point_raster_rounds_at_full_resolution_then_rescales_like_rescale_points3d()
    {
        // (10.4, 5.6) → pixel (10, 6); at half size (10.5·0.5 − 0.5, 6.5·0.5 − 0.5) = (4.75, 2.75) → (5, 3).
        // (2.5, 1.5) rounds half to even → (2, 2); (30, 1) is outside; the last observation overwrites (10, 6).
        var map = Map(new[] { 10.4, 5.6, 2.5, 1.5, 30, 1, 9.6, 6.4 });
        var full = PointRaster.FromObservations(map, 20, 10, 1, 1);
        full.ValidPixels().Should().Equal(2 * 20 + 2, 6 * 20 + 10);
        full.Point(6 * 20 + 10).ToArray().Should().Equal(9, 10, 11);
        full.Point(2 * 20 + 2).ToArray().Should().Equal(3, 4, 5);

        var half = PointRaster.FromObservations(map, 10, 5, 0.5, 0.5);
        half.ValidPixels().Should().Contain(3 * 10 + 5);

        var crop = full.Crop(new CropWindow(8, 4, 4, 3));
        crop.ValidPixels().Should().Equal(2 * 4 + 2);
        crop.Point(2 * 4 + 2).ToArray().Should().Equal(9, 10, 11);
    }

    [Fact]
    public void Point_raster_collisions_at_reduced_size_keep_the_last_full_resolution_pixel_in_row_major_order()
    {
        // Full-resolution pixels (1, 0) and (0, 0) both land on (0, 0) at half size. Upstream rescales the valid pixels
        // of the full raster in row-major order (torch.where), so (1, 0) — observation 0 — wins although it came first.
        var map = Map(new[] { 1.0, 0.0, 0.0, 0.0 });
        var half = PointRaster.FromObservations(map, 10, 5, 0.5, 0.5);
        half.ValidPixels().Should().Equal(0);
        half.Point(0).ToArray().Should().Equal(0, 1, 2);
    }
}
