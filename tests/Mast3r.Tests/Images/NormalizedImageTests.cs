using FluentAssertions;
using Mast3r.Images;
using Xunit;

namespace Mast3r.Tests.Images;

/// <summary>The float network image of the visloc views and its conversions (<see cref="NormalizedImage"/>).</summary>
[Trait("Category", "Unit")]
public class NormalizedImageTests
{
    private static byte[] Rgb(int w, int h) => Enumerable.Range(0, w * h * 3).Select(i => (byte)(i * 37 % 256)).ToArray();

    [Fact]
    public void ImgNorm_values_equal_the_tensor_of_the_8_bit_image_and_feed_ToTensor_when_set()
    {
        var rgb = Rgb(5, 3);
        var image = NormalizedImage.FromRgb(rgb, 5, 3);
        var plain = new PreprocessedImage(rgb, 3, 5, "a.png");
        using var expected = plain.ToTensor();
        expected.data<float>().ToArray().Should().Equal(image.Data);

        var shifted = image.Data.Select(v => v * 0.5f).ToArray();
        var withPayload = plain with { Normalized = shifted };
        using var tensor = withPayload.ToTensor();
        tensor.shape.Should().Equal(1L, 3L, 3L, 5L);
        tensor.data<float>().ToArray().Should().Equal(shifted);

        var wrong = plain with { Normalized = new float[4] };
        FluentActions.Invoking(() => wrong.ToTensor()).Should().Throw<InvalidOperationException>().WithMessage("*a.png*4 values*3x3x5*");
    }

    [Fact]
    public void Visloc_byte_conversion_truncates_in_float32_as_upstream()
    {
        // (255·(ImgNorm(u) + 1)/2) in float32 lands just below u for 1 ≤ u ≤ 63, and .to(uint8) truncates.
        byte[] values = { 0, 1, 63, 64, 128, 255 };
        var rgb = values.SelectMany(v => new[] { v, v, v }).ToArray();
        var back = NormalizedImage.FromRgb(rgb, values.Length, 1).ToBytesTruncated();
        back.Where((_, i) => i % 3 == 0).Should().Equal((byte)0, (byte)0, (byte)62, (byte)64, (byte)128, (byte)255);

        var fromWarp = NormalizedImage.FromVislocBytes(rgb, values.Length, 1);
        fromWarp.Data[0].Should().Be(-1f);
        fromWarp.Data[values.Length - 1].Should().Be(1f);
    }

    [Fact]
    public void Crop_slices_every_plane_and_resize_to_the_same_size_is_the_image_itself()
    {
        var image = NormalizedImage.FromRgb(Rgb(6, 4), 6, 4);
        var crop = image.Crop(2, 1, 3, 2);
        (crop.Width, crop.Height).Should().Be((3, 2));
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 2; y++)
                for (int x = 0; x < 3; x++)
                    crop.Data[(c * 2 + y) * 3 + x].Should().Be(image.Data[(c * 4 + y + 1) * 6 + x + 2]);
        image.Resize(6, 4).Should().BeSameAs(image);
        FluentActions.Invoking(() => image.Crop(4, 0, 3, 2)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*3x2 at (4, 0)*6x4*");

        var pre = crop.ToPreprocessed("a.png", PixelMaps.Translation(2, 1));
        (pre.Width, pre.Height, pre.Source).Should().Be((3, 2, "a.png"));
        pre.Normalized.Should().BeSameAs(crop.Data);
        pre.Rgb.Should().Equal(crop.ToBytesTruncated());
    }
}
