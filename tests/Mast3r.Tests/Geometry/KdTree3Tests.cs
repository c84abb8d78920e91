using FluentAssertions;
using Mast3r.Geometry;
using Xunit;
using static Mast3r.Tests.Metrics.Dtu.DtuSynthetic;

namespace Mast3r.Tests.Geometry;

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

    [Fact]
    public void Nearest_index_equals_brute_force_with_ties_resolved_to_the_smallest_input_index()
    {
        var rng = new Random(7);
        const int n = 3000;
        var xyz = new double[3 * n];
        // Coarse coordinates (multiples of 0.25) make many exact duplicates and equal distances.
        for (int i = 0; i < 3 * n; i++) xyz[i] = 0.25 * rng.Next(-8, 9);
        var tree = new KdTree3(xyz);
        for (int q = 0; q < 400; q++)
        {
            double x = rng.NextDouble() * 5 - 2.5, y = q % 3 == 0 ? 0.25 * rng.Next(-8, 9) : rng.NextDouble() * 5 - 2.5, z = 0.25 * rng.Next(-10, 11);
            int expected = -1;
            double best = double.PositiveInfinity;
            for (int i = 0; i < n; i++)
            {
                double d = Math.Pow(x - xyz[3 * i], 2) + Math.Pow(y - xyz[3 * i + 1], 2) + Math.Pow(z - xyz[3 * i + 2], 2);
                if (d < best) (best, expected) = (d, i); // first minimum = smallest index
            }
            tree.NearestIndex(x, y, z).Should().Be(expected, $"query {q} at ({x}, {y}, {z})");
        }
    }

    [Fact]
    public void Nearest_index_of_an_empty_tree_is_minus_one() => new KdTree3([]).NearestIndex(0, 0, 0).Should().Be(-1);
}
