using FluentAssertions;
using Mast3r.Model;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Model;

[Trait("Category", "Unit")]
public sealed class RoPE2DTests
{
    [Fact]
    public void GridPositionsAreRowMajorRowColumnPairs()
    {
        using var grid = RoPE2D.Grid(2, 3, 4, CPU);
        grid.shape.Should().Equal(2, 12, 2);
        var v = grid.data<long>().ToArray();
        // token n ↔ (n div w, n mod w)
        for (int n = 0; n < 12; n++)
        {
            v[n * 2].Should().Be(n / 4);
            v[n * 2 + 1].Should().Be(n % 4);
        }
        v.Skip(24).Should().Equal(v.Take(24));
    }

    [Fact]
    public void RowRotatesTheFirstHalfAndColumnTheSecondWithRotateHalfPairs()
    {
        // head dim 8: each half has 4 dims, 2 frequencies base^(−2j/4); element j pairs with j + 2.
        const double Base = 100;
        var values = Enumerable.Range(1, 8).Select(i => (float)i).ToArray();
        using var tokens = tensor(values).reshape(1, 1, 1, 8);
        using var pos = tensor(new long[] { 3, 5 }).reshape(1, 1, 2);
        using var rotated = RoPE2D.Apply(tokens, pos, Base);
        var r = rotated.data<float>().ToArray();
        var expected = new float[8];
        for (int half = 0; half < 2; half++)
        {
            double p = half == 0 ? 3 : 5;
            for (int j = 0; j < 2; j++)
            {
                double theta = p * Math.Pow(Base, -2.0 * j / 4);
                double u = values[half * 4 + j], w = values[half * 4 + j + 2];
                expected[half * 4 + j] = (float)(u * Math.Cos(theta) - w * Math.Sin(theta));
                expected[half * 4 + j + 2] = (float)(w * Math.Cos(theta) + u * Math.Sin(theta));
            }
        }
        r.Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void PositionZeroIsTheIdentityAndNormsArePreserved()
    {
        using var tokens = randn(2, 3, 5, 12);
        using var zero = zeros(2, 5, 2, dtype: int64);
        using var same = RoPE2D.Apply(tokens, zero, 100);
        same.allclose(tokens).Should().BeTrue();
        using var pos = randint(0, 20, [2, 5, 2], dtype: int64);
        using var rot = RoPE2D.Apply(tokens, pos, 100);
        using var n1 = tokens.norm(-1);
        using var n2 = rot.norm(-1);
        n2.allclose(n1, rtol: 1e-5, atol: 1e-5).Should().BeTrue();
    }
}
