using FluentAssertions;
using Mast3r.Metrics.Dtu;
using Xunit;
using static Mast3r.Tests.Metrics.Dtu.DtuSynthetic;

namespace Mast3r.Tests.Metrics.Dtu;

/// <summary>DTU accuracy / completeness / overall on the synthetic cases of protocols.md §4.6.</summary>
[Trait("Category", "Unit")]
public class DtuEvaluationTests
{
    private static readonly double[] Gt100 = Grid(100);
    private static readonly double[] Shifted100 = Grid(100, Delta);
    private static readonly DtuObservationMask Mask100 = Mask(100);

    [Fact]
    public void Grid_shifted_by_delta_scores_delta_everywhere()
    {
        var r = DtuEvaluation.Evaluate(Shifted100, Gt100, Mask100, PlaneAll);
        r.ReducedPoints.Should().Be(201 * 201, "a 0.5 mm grid is already sparser than 0.2 mm");
        r.Accuracy.Should().BeApproximately(0.3, 1e-12);
        r.Completeness.Should().BeApproximately(0.3, 1e-12);
        r.Overall.Should().BeApproximately(0.3, 1e-12);
    }

    [Fact]
    public void Points_beyond_the_twenty_mm_cap_do_not_change_the_result()
    {
        var rng = new Random(11);
        var far = Enumerable.Range(0, 1000).SelectMany(_ => new[] { rng.NextDouble() * 100, rng.NextDouble() * 100, 50.0 }).ToArray();
        var r = DtuEvaluation.Evaluate(Concat(Shifted100, far), Gt100, Mask100, PlaneAll);
        r.PredictedPoints.Should().Be(201 * 201 + 1000);
        r.Accuracy.Should().BeApproximately(0.3, 1e-12);
        r.Completeness.Should().BeApproximately(0.3, 1e-12);
    }

    [Fact]
    public void Accuracy_uses_only_masked_points_while_completeness_sees_all_predicted_points()
    {
        // 50 mm square to keep the brute-force reference fast.
        var gt = Grid(50);
        var mask = Mask(50, x => x >= 40);
        var predicted = Concat(Where(Grid(50, Delta), (x, _, _) => x >= 30), Where(Grid(50, 1.0), (x, _, _) => x < 30));
        var r = DtuEvaluation.Evaluate(predicted, gt, mask, PlaneAll);
        r.Accuracy.Should().BeApproximately(0.3, 1e-12);
        double expectedCompleteness = BruteCappedMean(gt, predicted);
        expectedCompleteness.Should().BeGreaterThan(0.3);
        r.Completeness.Should().BeApproximately(expectedCompleteness, 1e-12);
    }

    [Fact]
    public void Completeness_over_a_missing_half_follows_the_closed_form()
    {
        var predicted = Where(Shifted100, (x, _, _) => x <= 50);
        var r = DtuEvaluation.Evaluate(predicted, Gt100, Mask100, PlaneAll);
        // GT column at x = 50 + a sees the predicted column at x = 50: √(a² + δ²), kept while below 20 mm.
        var distances = new List<double>();
        for (int i = 0; i <= 200; i++)
        {
            double a = Math.Max(0, i * Spacing - 50);
            double d = Math.Sqrt(a * a + Delta * Delta);
            if (d < 20) distances.AddRange(Enumerable.Repeat(d, 201));
        }
        r.Completeness.Should().BeApproximately(distances.Average(), 1e-12);
        r.Accuracy.Should().BeApproximately(0.3, 1e-12);
    }

    [Fact]
    public void Triplicated_jittered_points_collapse_back_to_one_per_site()
    {
        var rng = new Random(12);
        var gt = Grid(30);
        var baseCloud = Grid(30, Delta);
        var tripled = new double[baseCloud.Length * 3];
        for (int i = 0; i < baseCloud.Length; i++)
            for (int copy = 0; copy < 3; copy++)
                tripled[copy * baseCloud.Length + i] = baseCloud[i] + (rng.NextDouble() - 0.5) * 0.1;
        var r = DtuEvaluation.Evaluate(tripled, gt, Mask(30), PlaneAll, new DtuOptions(Seed: 5));
        r.ReducedPoints.Should().Be(baseCloud.Length / 3);
        r.Accuracy.Should().BeApproximately(0.3, 0.05);
        r.Completeness.Should().BeApproximately(0.3, 0.05);
    }

    [Fact]
    public void Reference_points_below_the_plane_are_ignored_by_completeness()
    {
        var gt = Concat(Grid(20), Grid(20, -5));
        var r = DtuEvaluation.Evaluate(Grid(20, Delta), gt, Mask(20), [0, 0, 1, 1]);
        r.AbovePlanePoints.Should().Be(41 * 41, "z = −5 gives −5 + 1 < 0");
        r.Completeness.Should().BeApproximately(0.3, 1e-12);
    }

    [Fact]
    public void Thinning_keeps_points_pairwise_farther_than_the_radius_and_covers_every_removed_point()
    {
        var rng = new Random(13);
        var cloud = Enumerable.Range(0, 3 * 1500).Select(_ => rng.NextDouble() * 3).ToArray();
        var kept = DtuEvaluation.Reduce(cloud, 0.2, new Random(1));
        kept.Length.Should().BeLessThan(cloud.Length);
        double closestPair = double.PositiveInfinity, farthestRemoved = 0;
        for (int i = 0; i < kept.Length; i += 3)
            for (int j = i + 3; j < kept.Length; j += 3)
            {
                double dx = kept[i] - kept[j], dy = kept[i + 1] - kept[j + 1], dz = kept[i + 2] - kept[j + 2];
                closestPair = Math.Min(closestPair, dx * dx + dy * dy + dz * dz);
            }
        for (int i = 0; i < cloud.Length; i += 3)
            farthestRemoved = Math.Max(farthestRemoved, BruteNearest(kept, cloud[i], cloud[i + 1], cloud[i + 2]));
        closestPair.Should().BeGreaterThan(0.04);
        farthestRemoved.Should().BeLessThanOrEqualTo(0.2);
    }

    [Fact]
    public void Voxel_assignment_differs_between_protocols_only_at_half_voxels()
    {
        var voxels = new byte[4 * 1 * 1];
        voxels[3] = 1; // only voxel i = 3 observed
        var mask = new DtuObservationMask(voxels, [4, 1, 1], [0, 0, 0], [3, 0, 0], 1);
        mask.Contains(2.5, 0, 0, DtuProtocol.Matlab).Should().BeTrue("MATLAB round(3.5) = 4, 1-based");
        mask.Contains(2.5, 0, 0, DtuProtocol.DtuEvalPython).Should().BeFalse("numpy.around(2.5) = 2");
        mask.Contains(3.4, 0, 0, DtuProtocol.Matlab).Should().BeTrue();
        mask.Contains(3.6, 0, 0, DtuProtocol.DtuEvalPython).Should().BeFalse("index 4 is outside the grid");
        mask.Contains(3, 0.6, 0, DtuProtocol.Matlab).Should().BeFalse("index 1 along y is outside the grid");

        var first = new byte[4];
        first[0] = 1;
        var maskFirst = new DtuObservationMask(first, [4, 1, 1], [0, 0, 0], [3, 0, 0], 1);
        maskFirst.Contains(-0.5, 0, 0, DtuProtocol.Matlab).Should().BeTrue("MATLAB rounds −0.5 + 1 = 0.5 up to voxel 1");
        maskFirst.Contains(-0.5, 0, 0, DtuProtocol.DtuEvalPython).Should().BeTrue("numpy rounds −0.5 to −0 → voxel 0");
        maskFirst.Contains(-0.6, 0, 0, DtuProtocol.Matlab).Should().BeFalse();
    }

    [Fact]
    public void Matlab_protocol_drops_sources_outside_the_sixty_mm_cell_tiling()
    {
        // Box [0, 100] → cells start at 0 and cover [0, 120); a masked point at x = −0.4 lies in voxel 0 but
        // outside every cell, so MATLAB leaves it at the 60 mm placeholder while DTUeval-python measures it.
        var voxels = Enumerable.Repeat((byte)1, 101 * 11 * 11).ToArray();
        var mask = new DtuObservationMask(voxels, [101, 11, 11], [0, 0, 0], [100, 10, 10], 1);
        double[] reference = [0, 5, 5, 50, 5, 5];
        double[] predicted = [-0.4, 5, 5, 50.5, 5, 5];
        var matlab = DtuEvaluation.Evaluate(predicted, reference, mask, PlaneAll, new DtuOptions(Protocol: DtuProtocol.Matlab));
        var python = DtuEvaluation.Evaluate(predicted, reference, mask, PlaneAll, new DtuOptions(Protocol: DtuProtocol.DtuEvalPython));
        matlab.Accuracy.Should().BeApproximately(0.5, 1e-12);
        python.Accuracy.Should().BeApproximately((0.4 + 0.5) / 2, 1e-12);
        matlab.Completeness.Should().BeApproximately(python.Completeness, 1e-12);
    }
}
