using FluentAssertions;
using Mast3r.Metrics.Dtu;
using Xunit;
using static Mast3r.Tests.Metrics.Dtu.DtuSynthetic;

namespace Mast3r.Tests.Metrics.Dtu;

/// <summary>Accuracy and completeness on random clouds against brute-force nearest neighbours (cap included).</summary>
[Trait("Category", "Unit")]
public class DtuBruteForceCheckTests
{
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void Random_clouds_agree_with_brute_force(int seed)
    {
        var rng = new Random(seed);
        // Points on a 0.5 mm lattice with < 0.1 mm jitter: nothing is within 0.2 mm, so the thinning keeps all.
        double[] Cloud(int n, double spread) => Enumerable.Range(0, n).SelectMany(_ => new[]
        {
            Math.Round(rng.NextDouble() * spread * 2) * 0.5 + (rng.NextDouble() - 0.5) * 0.1,
            Math.Round(rng.NextDouble() * spread * 2) * 0.5 + (rng.NextDouble() - 0.5) * 0.1,
            Math.Round(rng.NextDouble() * 10) * 0.5 - 2.5 + (rng.NextDouble() - 0.5) * 0.1,
        }).ToArray();
        var predicted = Dedupe(Cloud(1500, 60));
        var reference = Cloud(1500, 60);
        var r = DtuEvaluation.Evaluate(predicted, reference, Mask(60), [0, 0, 1, 10]);
        r.ReducedPoints.Should().Be(predicted.Length / 3);
        r.Accuracy.Should().BeApproximately(BruteCappedMean(predicted, reference), 1e-12);
        r.Completeness.Should().BeApproximately(BruteCappedMean(reference, predicted), 1e-12);
    }

    /// <summary>Drops lattice collisions (two random draws on the same site would be thinned).</summary>
    private static double[] Dedupe(double[] xyz)
    {
        var seen = new HashSet<(long, long, long)>();
        return DtuSynthetic.Where(xyz, (x, y, z) => seen.Add(((long)Math.Round(x * 2), (long)Math.Round(y * 2), (long)Math.Round(z * 2))));
    }
}
