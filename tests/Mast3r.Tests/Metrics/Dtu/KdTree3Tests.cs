using FluentAssertions;
using Mast3r.Metrics.Dtu;
using Xunit;
using static Mast3r.Tests.Metrics.Dtu.DtuSynthetic;

namespace Mast3r.Tests.Metrics.Dtu;

[Trait("Category", "Unit")]
public class KdTree3Tests
{
    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 2000)]
    [InlineData(3, 5000)]
    public void Nearest_and_radius_queries_match_brute_force_on_random_clouds(int seed, int n)
    {
        var rng = new Random(seed);
        // Clustered coordinates with many exact duplicates exercise the partitioning.
        var pts = Enumerable.Range(0, 3 * n).Select(_ => Math.Round(rng.NextDouble() * 20, 1)).ToArray();
        var tree = new KdTree3(pts);
        var found = new List<int>();
        for (int q = 0; q < 200; q++)
        {
            double x = rng.NextDouble() * 24 - 2, y = rng.NextDouble() * 24 - 2, z = rng.NextDouble() * 24 - 2;
            double brute = BruteNearest(pts, x, y, z);
            Math.Sqrt(tree.NearestSquared(x, y, z)).Should().Be(brute);
            double capped = tree.NearestSquared(x, y, z, 0.25);
            if (brute < 0.5) Math.Sqrt(capped).Should().Be(brute);
            else capped.Should().Be(double.PositiveInfinity);

            tree.WithinRadius(x, y, z, 1.5, found);
            var expected = Enumerable.Range(0, n).Where(i =>
            {
                double dx = pts[3 * i] - x, dy = pts[3 * i + 1] - y, dz = pts[3 * i + 2] - z;
                return dx * dx + dy * dy + dz * dz <= 2.25;
            });
            found.Should().BeEquivalentTo(expected);
        }
    }

    [Fact]
    public void Empty_tree_has_no_neighbours()
    {
        var tree = new KdTree3([]);
        tree.NearestSquared(0, 0, 0).Should().Be(double.PositiveInfinity);
    }
}
