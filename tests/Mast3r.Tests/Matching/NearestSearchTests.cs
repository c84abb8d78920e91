using FluentAssertions;
using Mast3r.Matching;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Matching;

[Trait("Category", "Unit")]
public class NearestSearchTests
{
    private static float[] UnitRows(int rows, int dim, int seed, bool quantise = false)
    {
        var rng = new Random(seed);
        var values = new float[rows * dim];
        for (int r = 0; r < rows; r++)
        {
            double norm = 0;
            for (int k = 0; k < dim; k++)
            {
                // Quantised values make exact dot-product ties common.
                float v = quantise ? rng.Next(-2, 3) : (float)(rng.NextDouble() * 2 - 1);
                values[r * dim + k] = v;
                norm += v * v;
            }
            if (!quantise)
                for (int k = 0; k < dim; k++) values[r * dim + k] /= (float)Math.Sqrt(norm);
        }
        return values;
    }

    [Fact]
    public void Fused_dot_products_are_bitwise_those_of_torch_matmul()
    {
        const int dim = 24;
        var a = UnitRows(37, dim, 1);
        var b = UnitRows(1003, dim, 2);
        using var ta = tensor(a, 37, dim);
        using var tb = tensor(b, 1003, dim);
        using var product = ta.matmul(tb.t());
        var torchDots = product.contiguous().data<float>().ToArray();
        for (int i = 0; i < 37; i++)
            for (int j = 0; j < 1003; j++)
            {
                float dot = 0f;
                for (int k = 0; k < dim; k++) dot = MathF.FusedMultiplyAdd(a[i * dim + k], b[j * dim + k], dot);
                BitConverter.SingleToInt32Bits(dot).Should().Be(BitConverter.SingleToInt32Bits(torchDots[i * 1003 + j]), $"dot({i}, {j})");
            }
    }

    [Theory]
    [InlineData(false, 16)]
    [InlineData(true, 64)]
    public void Fused_and_blocked_torch_searches_agree_including_ties(bool quantise, int blockSize)
    {
        const int dim = 6;
        var a = UnitRows(50, dim, 3, quantise);
        var b = UnitRows(203, dim, 4, quantise);
        using var ta = tensor(a, 50, dim);
        using var tb = tensor(b, 203, dim);
        var rows = Enumerable.Range(0, 50).ToArray();

        var fused = new FusedDotNearest(a, b, dim).Nearest(rows);
        var narrow = new FusedDotNearest(a, b, dim, allowWide: false).Nearest(rows);
        var blocked = new BlockedDotNearest(ta, tb, blockSize).Nearest(rows);
        using var argmax = ta.matmul(tb.t()).argmax(1);

        fused.Should().Equal(blocked);
        narrow.Should().Equal(blocked, "the 256-bit path must agree with the 512-bit one");
        fused.Select(i => (long)i).Should().Equal(argmax.data<long>().ToArray());
    }

    [Fact]
    public void Exact_ties_resolve_to_the_first_database_row_across_lanes_and_blocks()
    {
        // Database rows 3, 9 and 17 are identical and best for the query: row 3 must win in every path.
        const int dim = 2;
        var b = new float[20 * dim];
        for (int m = 0; m < 20; m++) { b[m * dim] = 0.1f; b[m * dim + 1] = 0.2f; }
        foreach (int m in new[] { 3, 9, 17 }) { b[m * dim] = 1f; b[m * dim + 1] = 0f; }
        var a = new float[] { 1f, 0f };
        using var ta = tensor(a, 1, dim);
        using var tb = tensor(b, 20, dim);

        new FusedDotNearest(a, b, dim).Nearest(new[] { 0 }).Should().Equal(3);
        new FusedDotNearest(a, b, dim, allowWide: false).Nearest(new[] { 0 }).Should().Equal(3);
        new BlockedDotNearest(ta, tb, 4).Nearest(new[] { 0 }).Should().Equal(3);
    }
}
