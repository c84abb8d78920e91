using FluentAssertions;
using Mast3r.Training.Data;
using Mast3r.Training.Losses;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Training;

[Trait("Category", "Unit")]
public sealed class SyntheticDataTests
{
    private static SyntheticScenes Scenes() => new(8, seed: 5) { Resolutions = new[] { (64, 48) }, NCorres = 128, NNeg = 0.5 };

    [Fact]
    public void Pairs_have_the_target_resolution_a_centred_principal_point_sky_and_valid_pixels()
    {
        var p = Scenes().Get(1, 0, new Random(1));
        foreach (var v in new[] { p.View1, p.View2 })
        {
            (v.Width, v.Height).Should().Be((64, 48));
            v.K[2].Should().BeApproximately(31.5, 2.0, "the centred crop rounds the principal point, as upstream");
            v.K[5].Should().BeApproximately(23.5, 2.0);
            v.Valid.Count(x => x).Should().BeGreaterThan(64 * 48 / 2);
            v.Sky.Count(x => x).Should().BeGreaterThan(0);
            v.IsMetricScale.Should().BeFalse("odd scenes are non-metric");
        }
        p.Corres.Valid.Count(x => x).Should().Be(64);
    }

    [Fact]
    public void Valid_correspondences_link_pixels_seeing_the_same_world_point()
    {
        var p = Scenes().Get(0, 0, new Random(2));
        int checkedPairs = 0;
        for (int k = 0; k < p.Corres.Valid.Length; k++)
        {
            if (!p.Corres.Valid[k]) continue;
            int i = p.Corres.Y1[k] * 64 + p.Corres.X1[k], j = p.Corres.Y2[k] * 64 + p.Corres.X2[k];
            if (!p.View1.Valid[i] || !p.View2.Valid[j]) continue;
            double d = Math.Sqrt(Enumerable.Range(0, 3).Sum(a => Math.Pow(p.View1.Pts3d[3 * i + a] - p.View2.Pts3d[3 * j + a], 2)));
            double depth = p.View1.Depth[i];
            d.Should().BeLessThan(0.1 * depth, "reciprocal pixels may differ by a pixel or two, ~depth/f each, more at grazing angles");
            checkedPairs++;
        }
        checkedPairs.Should().BeGreaterThan(30);
    }

    [Fact]
    public void Criterion_on_ground_truth_predictions_gives_zero_regression_error_on_valid_pixels()
    {
        using var scope = torch.NewDisposeScope();
        var ds = Scenes();
        using var batch = TrainBatch.Collate(new[] { ds.Get(0, 0, new Random(3)), ds.Get(1, 0, new Random(4)) });
        batch.Size.Should().Be(4);
        // Perfect predictions: GT points of both views in camera-1 coordinates (metric samples metric, others any scale).
        var toCam1 = torch.linalg.inv(batch.Gt1.CameraPose);
        var p1 = Regr3D.Transform(toCam1, batch.Gt1.Pts3d) * 1.7;
        var p2 = Regr3D.Transform(toCam1, batch.Gt2.Pts3d) * 1.7;
        var regr = new Regr3D("avg_dis", 0);
        var r = regr.Evaluate(batch.Gt1, batch.Gt2, new PredView(p1, torch.ones(4, 48, 64), null, null), new PredView(p2, torch.ones(4, 48, 64), null, null));
        r.L1.max().item<float>().Should().BeLessThan(1e-4f);
        r.L2.max().item<float>().Should().BeLessThan(1e-4f);
        // Symmetrisation: sample 1 is sample 0 with the views swapped.
        batch.Img1[1].eq(batch.Img2[0]).all().item<bool>().Should().BeTrue();
        batch.Gt1.Corres![1].eq(batch.Gt2.Corres![0]).all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void Scenes_are_a_pure_function_of_seed_and_index()
    {
        var a = Scenes().Get(3, 0, new Random(9));
        var b = Scenes().Get(3, 0, new Random(9));
        a.View1.Image.Should().Equal(b.View1.Image);
        a.Corres.X2.Should().Equal(b.Corres.X2);
    }
}
