using FluentAssertions;
using Mast3r.Images;
using Xunit;

namespace Mast3r.Tests.Images;

/// <summary>The size examples of architecture-spec.md §4.1 (marked verified there).</summary>
[Trait("Category", "Unit")]
public class LoadGeometryTests
{
    [Theory]
    [InlineData(640, 480, 512, 384, "Lanczos", 0, 512, 384)]
    [InlineData(600, 600, 512, 512, "Lanczos", 64, 512, 384)]
    [InlineData(480, 640, 384, 512, "Lanczos", 0, 384, 512)]
    [InlineData(1024, 576, 512, 288, "Lanczos", 0, 512, 288)]
    [InlineData(400, 300, 512, 384, "Bicubic", 0, 512, 384)]
    public void Resize_and_crop_follow_the_official_examples(int w, int h, int rw, int rh, string filterName, int top, int cw, int ch)
    {
        var filter = Enum.Parse<ResampleFilter>(filterName);
        var plan = LoadGeometry.PlanResize(w, h, 512);
        plan.Should().Be(new LoadGeometry.ResizePlan(rw, rh, filter));
        var box = LoadGeometry.CentreCrop16(rw, rh);
        (box.Top, box.Width, box.Height).Should().Be((top, cw, ch));
    }

    [Fact]
    public void Image_with_long_side_512_is_not_resampled_and_loses_odd_rows()
    {
        var plan = LoadGeometry.PlanResize(512, 343, 512);
        plan.Filter.Should().BeNull();
        var box = LoadGeometry.CentreCrop16(512, 343);
        box.Should().Be(new LoadGeometry.CropBox(0, 3, 512, 339));
    }

    [Fact]
    public void Rounding_is_half_to_even_like_python()
    {
        // 1000x125 -> 512 x 64.0 exactly; 1024x3 -> 512 x 1.5 -> 2 (even); 1024x5 -> 2.5 -> 2 (even).
        LoadGeometry.PlanResize(1000, 125, 512).Height.Should().Be(64);
        LoadGeometry.PlanResize(1024, 3, 512).Height.Should().Be(2);
        LoadGeometry.PlanResize(1024, 5, 512).Height.Should().Be(2);
    }

    [Fact]
    public void Square_ok_keeps_the_square()
    {
        LoadGeometry.CentreCrop16(512, 512, squareOk: true).Height.Should().Be(512);
        LoadGeometry.CentreCrop16(512, 512).Height.Should().Be(384);
    }

    [Theory]
    [InlineData(517, 389)]
    [InlineData(31, 17)]
    [InlineData(513, 512)]
    public void Crops_are_multiples_of_16_and_centred(int w, int h)
    {
        var box = LoadGeometry.CentreCrop16(w, h);
        (box.Width % 16).Should().Be(0);
        (box.Height % 16).Should().Be(0);
        (box.Left + box.Right).Should().Be(2 * (w / 2));
        box.Left.Should().BeGreaterThanOrEqualTo(0);
        box.Right.Should().BeLessThanOrEqualTo(w);
    }
}
