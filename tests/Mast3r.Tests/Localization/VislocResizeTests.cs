using FluentAssertions;
using Mast3r.Images;
using Mast3r.Localization;
using Mast3r.Tests.TestSupport;
using OpenCvSharp;
using Xunit;

namespace Mast3r.Tests.Localization;

/// <summary>The visloc network-input geometry (dust3r_visloc <c>get_resize_function</c>, <see cref="VislocResize"/>).</summary>
[Trait("Category", "Unit")]
public class VislocResizeTests
{
    [Theory]
    [InlineData(1600, 1200, 512, 384)] // 4:3 Aachen
    [InlineData(1063, 1600, 336, 512)] // portrait 0.664: 21/32 = 0.656 is nearer than 3/4
    [InlineData(1920, 1080, 512, 288)] // 16:9
    [InlineData(640, 480, 512, 384)]
    [InlineData(4032, 3024, 512, 384)] // InLoc
    [InlineData(540, 720, 384, 512)]   // portrait 3:4
    [InlineData(1000, 701, 512, 384)]  // 1.4265: 4/3 (0.0932 away) beats 32/21 (0.0973)
    [InlineData(3000, 1000, 512, 160)] // 3.0: 16/5 (0.2) beats 2/1 (1.0)
    public void The_nearest_trained_aspect_ratio_picks_the_network_resolution(int w, int h, int targetW, int targetH)
    {
        var plan = VislocResize.For(w, h, 512);
        (plan.TargetWidth, plan.TargetHeight).Should().Be((targetW, targetH));
        plan.Identity.Should().BeFalse();
    }

    [Fact]
    public void Images_already_at_a_trained_resolution_are_left_alone()
    {
        foreach (var (w, h) in new[] { (512, 384), (384, 512), (512, 160), (336, 512) })
        {
            var plan = VislocResize.For(w, h, 512);
            plan.Identity.Should().BeTrue();
            (plan.TargetWidth, plan.TargetHeight).Should().Be((w, h));
            plan.ToOrig.Should().Equal(PixelMaps.Identity());
        }
    }

    [Theory]
    [InlineData(1600, 1200, 3.125, 3.125)]
    [InlineData(1920, 1080, 3.75, 3.75)]
    [InlineData(640, 480, 1.25, 1.25)]
    [InlineData(4032, 3024, 7.875, 7.875)]
    [InlineData(540, 720, 1.40625, 1.40625)]
    public void Exact_ratios_keep_the_whole_image_and_only_scale(int w, int h, double sx, double sy)
    {
        var plan = VislocResize.For(w, h, 512);
        (plan.CropWidth, plan.CropHeight, plan.CropLeft, plan.CropTop).Should().Be((w, h, 0, 0));
        plan.ToOrig.Should().Equal(sx, 0, 0, 0, sy, 0, 0, 0, 1);
    }

    [Fact]
    public void Crops_truncate_their_size_and_to_orig_keeps_the_float_offset_while_CenterCrop_rounds_half_to_even()
    {
        // Portrait 1063×1600 → 336×512: crop_W = int(1600·336/512) = 1050, offset (1063 − 1050)/2 = 6.5; CenterCrop cuts
        // at round(6.5) = 6 (half to even), so the pixels come from 0.5 px left of where to_orig puts them.
        var portrait = VislocResize.For(1063, 1600, 512);
        (portrait.CropWidth, portrait.CropHeight, portrait.CropOffsetX, portrait.CropLeft).Should().Be((1050, 1600, 6.5, 6));
        portrait.ToOrig.Should().Equal(1050 / 336.0, 0, 6.5, 0, 1600 / 512.0, 0, 0, 0, 1);
        PixelMaps.Apply(portrait.ContentToSource, 0, 0).X.Should().BeApproximately(6 + 0.5 * 3.125 - 0.5, 1e-12);

        // 1000×701 → 512×384: crop_W = int(701·4/3 = 934.67) = 934 (truncated, not rounded), offset 33.
        var truncated = VislocResize.For(1000, 701, 512);
        (truncated.CropWidth, truncated.CropHeight, truncated.CropOffsetX, truncated.CropLeft).Should().Be((934, 701, 33.0, 33));

        // 1000×901 (ratio 1.11 < 4/3) crops rows: crop_H = int(1000·3/4) = 750, offset 75.5; CenterCrop rounds to 76.
        var rows = VislocResize.For(1000, 901, 512);
        (rows.CropWidth, rows.CropHeight, rows.CropOffsetY, rows.CropTop, rows.CropOffsetX).Should().Be((1000, 750, 75.5, 76, 0.0));
    }

    [Theory]
    [InlineData(1063, 1600)]
    [InlineData(1000, 901)]
    [InlineData(1920, 1080)]
    [InlineData(512, 384)]
    public void Network_pixel_centres_go_to_the_original_and_back(int w, int h)
    {
        var plan = VislocResize.For(w, h, 512);
        var view = new VislocView(new PreprocessedImage(Array.Empty<byte>(), plan.TargetHeight, plan.TargetWidth, "x"), w, h, plan);
        foreach (var (x, y) in new[] { (0.0, 0.0), (17.0, 33.0), (plan.TargetWidth - 1.0, plan.TargetHeight - 1.0) })
        {
            var (ox, oy) = view.ToOriginal(x, y);
            var (nx, ny) = view.ToNetwork(ox, oy);
            nx.Should().BeApproximately(x, 1e-9);
            ny.Should().BeApproximately(y, 1e-9);
        }
        // The first network pixel centre: (0 + 0.5)·s + offset − 0.5 (upstream to_orig, COLMAP convention).
        var first = view.ToOriginal(0, 0);
        first.X.Should().BeApproximately(0.5 * plan.CropWidth / plan.TargetWidth + plan.CropOffsetX - 0.5, 1e-12);
        first.Y.Should().BeApproximately(0.5 * plan.CropHeight / plan.TargetHeight + plan.CropOffsetY - 0.5, 1e-12);
    }

    [Fact]
    public void Small_synthetic_networks_use_the_generalised_table()
    {
        VislocResize.For(192, 144, 192).Identity.Should().BeTrue();
        var plan = VislocResize.For(192, 144, 128);
        (plan.TargetWidth, plan.TargetHeight, plan.CropWidth, plan.CropHeight).Should().Be((128, 96, 192, 144));
        FluentActions.Invoking(() => VislocResize.For(192, 144, 100)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*multiple of 16*");
    }

    [Fact]
    public void A_loaded_view_is_cropped_and_resized_in_float_and_records_where_its_pixels_come_from()
    {
        // A black 1000×901 image with a coloured band on rows 76 … 825, exactly what CenterCrop keeps (750 rows from 76).
        string path = Path.Combine(TestPaths.NewTempDir(), "q.png");
        using (var mat = new Mat(901, 1000, MatType.CV_8UC3, new Scalar(0, 0, 0)))
        {
            using var band = mat.RowRange(76, 826);
            band.SetTo(new Scalar(200, 150, 100));
            Cv2.ImWrite(path, mat);
        }
        var view = VislocView.Load(path, 512);
        (view.Image.Width, view.Image.Height, view.OriginalWidth, view.OriginalHeight).Should().Be((512, 384, 1000, 901));
        view.Image.Normalized.Should().NotBeNull().And.HaveCount(3 * 512 * 384);
        // Every network pixel comes from the band: constant (100, 150, 200) in RGB after ImgNorm, no 8-bit rounding.
        float red = (100 / 255f - 0.5f) / 0.5f;
        view.Image.Normalized!.Take(512 * 384).Should().OnlyContain(v => Math.Abs(v - red) < 1e-6f);
        view.Image.PixelToSource.Should().Equal(view.Resize.ContentToSource);
        PixelMaps.Apply(view.Image.PixelToSource!, 0, 0).Y.Should().BeApproximately(76 + 0.5 * 750 / 384.0 - 0.5, 1e-12);
    }
}
