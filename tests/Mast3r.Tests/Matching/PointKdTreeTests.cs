using FluentAssertions;
using Mast3r.Matching;
using Xunit;

namespace Mast3r.Tests.Matching;

[Trait("Category", "Unit")]
public sealed class PointKdTreeTests
{
    [Fact]
    public void NearestEqualsBruteForceIncludingTiesAndInvalidPoints()
    {
        var rng = new Random(7);
        const int n = 3000;
        var pts = new float[3 * n];
        var valid = new bool[n];
        for (int i = 0; i < n; i++)
        {
            // Coarse coordinates (multiples of 0.25) make many exact duplicates and equal distances.
            for (int k = 0; k < 3; k++) pts[3 * i + k] = (float)(0.25 * rng.Next(-8, 9));
            valid[i] = rng.NextDouble() > 0.2;
        }
        var tree = new PointKdTree(pts, valid);
        for (int q = 0; q < 400; q++)
        {
            double x = rng.NextDouble() * 5 - 2.5, y = q % 3 == 0 ? 0.25 * rng.Next(-8, 9) : rng.NextDouble() * 5 - 2.5, z = 0.25 * rng.Next(-10, 11);
            int expected = -1;
            double best = double.PositiveInfinity;
            for (int i = 0; i < n; i++)
            {
                if (!valid[i]) continue;
                double d = Math.Pow(x - pts[3 * i], 2) + Math.Pow(y - pts[3 * i + 1], 2) + Math.Pow(z - pts[3 * i + 2], 2);
                if (d < best) (best, expected) = (d, i); // first minimum = smallest index
            }
            tree.Nearest(x, y, z).Should().Be(expected, $"query {q} at ({x}, {y}, {z})");
        }
    }

    [Fact]
    public void TreeWithoutValidPointIsRejected()
    {
        var act = () => new PointKdTree(new float[6], new bool[2]);
        act.Should().Throw<ArgumentException>().WithMessage("*no valid point*");
    }
}
