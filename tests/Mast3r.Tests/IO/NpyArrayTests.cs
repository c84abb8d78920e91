using FluentAssertions;
using Mast3r.IO;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.IO;

[Trait("Category", "Unit")]
public class NpyArrayTests
{
    [Fact]
    public void Reads_fixture_with_shape_and_dtype()
    {
        var a = NpyArray.Load(Path.Combine(TestPaths.ParityImages, "pre0_true_shape.npy"));
        a.Shape.Should().NotBeEmpty();
        a.DType.Should().BeOneOf("<i4", "<i8");
        a.ToLongs().Should().OnlyContain(v => v > 0 && v % 16 == 0);
    }

    [Fact]
    public void Write_then_read_round_trips_floats()
    {
        var values = Enumerable.Range(0, 24).Select(i => i * 0.5f - 3f).ToArray();
        using var ms = new MemoryStream();
        NpyArray.FromFloats(values, 2, 3, 4).Write(ms);
        ms.Position = 0;
        var back = NpyArray.Read(ms);
        back.Shape.Should().Equal(2, 3, 4);
        back.ToFloats().Should().Equal(values);
        (ms.Length % 64).Should().Be(values.Length * 4 % 64, "the header is padded to a multiple of 64 bytes");
    }

    [Fact]
    public void Truncated_file_is_rejected_with_clear_message()
    {
        using var ms = new MemoryStream();
        NpyArray.FromFloats(new float[10], 10).Write(ms);
        var cut = new MemoryStream(ms.ToArray()[..^4]);
        var act = () => NpyArray.Read(cut);
        act.Should().Throw<InvalidDataException>().WithMessage("*truncated*");
    }
}
