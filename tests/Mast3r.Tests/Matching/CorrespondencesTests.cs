using FluentAssertions;
using Mast3r.Matching;
using Xunit;

namespace Mast3r.Tests.Matching;

[Trait("Category", "Unit")]
public class CorrespondencesTests
{
    [Fact]
    public void Border_filter_requires_both_points_inside_the_margin()
    {
        // Map 1 is 10x20 (H x W), map 2 is 12x8.
        var m = new Correspondences(
            x1: new[] { 3, 2, 16, 10, 10 },
            y1: new[] { 3, 5, 6, 6, 7 },
            x2: new[] { 4, 4, 4, 5, 4 },
            y2: new[] { 8, 8, 8, 8, 9 });
        m.BorderMask(3, (10, 20), (12, 8)).Should().Equal(true, false, true, false, false);
        m.BorderMask(0, (10, 20), (12, 8)).Should().OnlyContain(b => b);
    }

    [Fact]
    public void Npy_output_is_int32_rows_of_x1_y1_x2_y2()
    {
        var m = new Correspondences(new[] { 1, 5 }, new[] { 2, 6 }, new[] { 3, 7 }, new[] { 4, 8 });
        var npy = m.ToNpy();
        npy.DType.Should().Be("<i4");
        npy.Shape.Should().Equal(2, 4);
        npy.ToLongs().Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        m.Where(new[] { false, true }).X1.Should().Equal(5);
    }
}
