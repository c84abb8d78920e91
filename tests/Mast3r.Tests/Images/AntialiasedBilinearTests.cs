using FluentAssertions;
using Mast3r.Images;
using Xunit;

namespace Mast3r.Tests.Images;

/// <summary>torchvision's antialiased bilinear resize on float images (<see cref="AntialiasedBilinear"/>).</summary>
[Trait("Category", "Unit")]
public class AntialiasedBilinearTests
{
    private static float[] Planes(int channels, int width, int height, Func<int, int, int, float> value)
    {
        var data = new float[channels * width * height];
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    data[(c * height + y) * width + x] = value(c, x, y);
        return data;
    }

    [Fact]
    public void Downscaling_a_constant_image_keeps_it_constant()
    {
        var src = Planes(3, 37, 23, (c, _, _) => 0.3f - 0.4f * c);
        var dst = AntialiasedBilinear.Resize(src, 3, 37, 23, 11, 7);
        dst.Should().HaveCount(3 * 11 * 7);
        for (int c = 0; c < 3; c++)
            dst.Skip(c * 77).Take(77).Should().OnlyContain(v => Math.Abs(v - (0.3f - 0.4f * c)) < 1e-6f);
    }

    [Theory]
    [InlineData(40, 20)]
    [InlineData(48, 16)]
    [InlineData(64, 16)]
    public void A_linear_ramp_stays_linear_away_from_the_borders_for_integer_factors(int w, int nw)
    {
        // With an integer factor the taps sit symmetrically about the output centre (i + 0.5)·scale, so normalised
        // weights average a ramp in the input pixel index x to its value at (i + 0.5)·scale − 0.5 wherever no tap is
        // clipped by the border. (At fractional factors the sampled triangle is not symmetric: the ramp bends slightly,
        // in torchvision and Pillow alike.)
        float scale = (float)w / nw;
        var src = Planes(3, w, 5, (_, x, _) => 0.05f * x - 1f);
        var dst = AntialiasedBilinear.Resize(src, 3, w, 5, nw, 5);
        for (int i = 2; i < nw - 2; i++)
            dst[i].Should().BeApproximately(0.05f * ((i + 0.5f) * scale - 0.5f) - 1f, 1e-5f);
    }

    [Fact]
    public void Halving_uses_the_triangle_of_support_two_with_weights_one_three_three_one_eighths()
    {
        // scale 2: centre 2i + 1, taps j = 2i − 1 … 2i + 2 at distances (j + 0.5 − centre)/2 = −0.75, −0.25, 0.25, 0.75
        // → triangle 0.25, 0.75, 0.75, 0.25 → /2 = 1/8, 3/8, 3/8, 1/8 (not the mean of the pixel pair). At i = 0 the
        // left tap is clipped: 0.75, 0.75, 0.25 → /1.75 = 3/7, 3/7, 1/7.
        var taps = AntialiasedBilinear.Weights(8, 4);
        (taps.Start[1], taps.Count[1]).Should().Be((1, 4));
        taps.Weights[1].Should().Equal(new[] { 0.125f, 0.375f, 0.375f, 0.125f }, (a, b) => Math.Abs(a - b) < 1e-7f);
        (taps.Start[0], taps.Count[0]).Should().Be((0, 3));
        taps.Weights[0].Should().Equal(new[] { 3 / 7f, 3 / 7f, 1 / 7f }, (a, b) => Math.Abs(a - b) < 1e-7f);

        var row = new float[] { 0, 8, 16, 24, 32, 40, 48, 56 };
        var dst = AntialiasedBilinear.Resize(Planes(1, 8, 1, (_, x, _) => row[x]), 1, 8, 1, 4, 1);
        dst[1].Should().BeApproximately((8 + 3 * 16 + 3 * 24 + 32) / 8f, 1e-5f);
        dst[0].Should().BeApproximately((3 * 0 + 3 * 8 + 16) / 7f, 1e-5f);
    }

    [Fact]
    public void Enlarging_is_plain_bilinear_interpolation_between_pixel_centres()
    {
        // scale 0.5: support 1, output 1 sits at input coordinate 0.25 → 0.75·a + 0.25·b.
        var dst = AntialiasedBilinear.Resize(new float[] { 1, 3 }, 1, 2, 1, 4, 1);
        dst.Should().Equal(new[] { 1f, 1.5f, 2.5f, 3f }, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Same_size_is_an_identity_copy_and_bad_buffers_are_rejected()
    {
        var src = Planes(3, 5, 4, (c, x, y) => c + 0.1f * x - 0.2f * y);
        var dst = AntialiasedBilinear.Resize(src, 3, 5, 4, 5, 4);
        dst.Should().Equal(src).And.NotBeSameAs(src);
        FluentActions.Invoking(() => AntialiasedBilinear.Resize(new float[7], 3, 5, 4, 2, 2))
            .Should().Throw<ArgumentException>().WithMessage("*7 floats*3x4x5*");
    }

    [Fact]
    public void Only_the_axes_that_change_are_resampled()
    {
        // Height unchanged: every row is resized on its own, rows never mix.
        var src = Planes(1, 6, 3, (_, x, y) => y == 1 ? 1f : 0f);
        var dst = AntialiasedBilinear.Resize(src, 1, 6, 3, 3, 3);
        dst.Should().Equal(new[] { 0f, 0f, 0f, 1f, 1f, 1f, 0f, 0f, 0f }, (a, b) => Math.Abs(a - b) < 1e-6f);
    }
}
