using FluentAssertions;
using Mast3r.Training.Losses;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Training;

/// <summary>
/// The official criterion evaluated on the loss fixtures (losses.md §6): every term, the total and the gradients
/// with respect to every prediction within 1e-5 + 1e-4·|ref|.
/// </summary>
[Trait("Category", "Parity")]
public sealed class CriterionParityTests(ITestOutputHelper output)
{
    private static readonly string[] PredNames = { "pts3d", "conf", "desc", "desc_conf" };

    private sealed record Run(LossOutput Output, PredView P1, PredView P2);

    private static Run Evaluate(string criterion, ScalarType dtype, IPermutationSource? shuffle = null)
    {
        var c = CriterionFactory.Build(criterion, shuffle: shuffle);
        var g1 = LossFixture.Gt(1, dtype);
        var g2 = LossFixture.Gt(2, dtype);
        var p1 = LossFixture.Pred(1, dtype);
        var p2 = LossFixture.Pred(2, dtype);
        return new Run(c.Compute(g1, g2, p1, p2), p1, p2);
    }

    private void AssertWithin(ToleranceReport report)
    {
        output.WriteLine(report.Summary());
        report.Worst.Should().OnlyContain(kv => kv.Value <= 1.0, "every quantity must be within 1e-5 + 1e-4·|ref|");
    }

    [Fact]
    public void Released_criterion_float64_matches_every_term_the_total_and_gradients()
    {
        using var scope = torch.NewDisposeScope();
        var run = Evaluate(CriterionFactory.Released, ScalarType.Float64);
        var report = new ToleranceReport();
        report.Check("total", run.Output.Loss.item<double>(), LossFixture.Value("f64_path", "total"));
        var details = run.Output.DetailValues();
        foreach (var (key, value) in LossFixture.Details("f64_path", "details"))
            report.Check("detail " + key, details[key], value);

        run.Output.Loss.backward();
        foreach (var (view, p) in new[] { (1, run.P1), (2, run.P2) })
        {
            var tensors = new[] { p.Pts3d, p.Conf, p.Desc!, p.DescConf! };
            for (int i = 0; i < 4; i++)
            {
                string file = view == 1 || i != 0 ? $"pred{view}_{PredNames[i]}" : "pred2_pts3d_in_other_view";
                report.CheckTensor("grad " + file, tensors[i].grad!, LossFixture.Load($"grads_wrt_preds/{file}.npy"));
            }
        }
        AssertWithin(report);
    }

    [Fact]
    public void Regr3D_per_pixel_losses_masks_and_norm_factors_match_to_1e10()
    {
        using var scope = torch.NewDisposeScope();
        var regr = new Regr3D("?avg_dis", 2);
        var r = regr.Evaluate(LossFixture.Gt(1, ScalarType.Float64), LossFixture.Gt(2, ScalarType.Float64),
            LossFixture.Pred(1, ScalarType.Float64), LossFixture.Pred(2, ScalarType.Float64));
        r.Mask1.eq(LossFixture.Load("terms/regr3d_mask1.npy")).all().item<bool>().Should().BeTrue();
        r.Mask2.eq(LossFixture.Load("terms/regr3d_mask2.npy")).all().item<bool>().Should().BeTrue();
        var tight = new ToleranceReport(abs: 1e-12, rel: 1e-10);
        tight.CheckTensor("l1", r.L1, LossFixture.Load("terms/regr3d_l1.npy"));
        tight.CheckTensor("l2", r.L2, LossFixture.Load("terms/regr3d_l2.npy"));
        tight.CheckTensor("norm_factor_gt", r.NormGt, LossFixture.Load("terms/norm_factor_gt.npy"));
        tight.CheckTensor("norm_factor_pred", r.NormPred, LossFixture.Load("terms/norm_factor_pred.npy"));
        AssertWithin(tight);
    }

    [Fact]
    public void InfoNce_per_positive_and_gathered_confidences_match()
    {
        using var scope = torch.NewDisposeScope();
        var c = (SumCriterion)CriterionFactory.Build(CriterionFactory.Released);
        var matching = ((ConfMatchingLoss)((WeightedCriterion)c.Second).Inner).Matching;
        var r = matching.Evaluate(LossFixture.Gt(1, ScalarType.Float64), LossFixture.Gt(2, ScalarType.Float64),
            LossFixture.Pred(1, ScalarType.Float64), LossFixture.Pred(2, ScalarType.Float64));
        r.PerEntry.dtype.Should().Be(ScalarType.Float32, "the matching criterion always runs in float32");
        var report = new ToleranceReport();
        report.CheckTensor("infonce_per_positive", r.PerEntry, LossFixture.Load("terms/infonce_per_positive.npy"));
        report.CheckTensor("desc_conf_pos_view1", r.Conf1!, LossFixture.Load("terms/desc_conf_pos_view1.npy"));
        report.CheckTensor("desc_conf_pos_view2", r.Conf2!, LossFixture.Load("terms/desc_conf_pos_view2.npy"));
        AssertWithin(report);
    }

    [Fact]
    public void Float32_training_path_matches_the_official_float32_values()
    {
        using var scope = torch.NewDisposeScope();
        var run = Evaluate(CriterionFactory.Released, ScalarType.Float32);
        var report = new ToleranceReport();
        report.Check("total f32", run.Output.Loss.item<float>(), LossFixture.Value("train_path_float32", "total"));
        var details = run.Output.DetailValues();
        foreach (var (key, value) in LossFixture.Details("train_path_float32", "details"))
            report.Check("detail f32 " + key, details[key], value);
        AssertWithin(report);
    }

    [Fact]
    public void Shortened_string_selects_mode_all_and_prod_and_matches_its_different_values()
    {
        using var scope = torch.NewDisposeScope();
        var variant = LossFixture.Manifest.GetProperty("variants").GetProperty("shorthand_string");
        string text = variant.GetProperty("criterion").GetString()!;
        var c = (SumCriterion)CriterionFactory.Build(text);
        var conf = (ConfMatchingLoss)((WeightedCriterion)c.Second).Inner;
        conf.ConfMode.Should().Be("prod");
        conf.Matching.Criterion.Mode.Should().Be("all");
        var run = Evaluate(text, ScalarType.Float64);
        var report = new ToleranceReport();
        report.Check("shorthand total", run.Output.Loss.item<double>(), variant.GetProperty("total").GetDouble());
        var details = run.Output.DetailValues();
        foreach (var (key, value) in LossFixture.Details("variants", "shorthand_string", "details"))
            report.Check("shorthand " + key, details[key], value);
        AssertWithin(report);
        run.Output.Loss.item<double>().Should().NotBeApproximately(LossFixture.Value("f64_path", "total"), 1.0);
    }

    [Fact]
    public void Block_shuffle_with_recorded_permutations_reproduces_the_blocksize64_variant()
    {
        using var scope = torch.NewDisposeScope();
        var perms = LossFixture.Load("terms/blocksize64_perms.npy");
        var rows = Enumerable.Range(0, (int)perms.shape[0]).Select(b => perms[b].data<long>().ToArray()).ToList();
        var variant = LossFixture.Manifest.GetProperty("variants").GetProperty("blocksize64_patched_view_to_reshape");
        var run = Evaluate(variant.GetProperty("criterion").GetString()!, ScalarType.Float64, new RecordedPermutationSource(rows));
        var report = new ToleranceReport();
        report.Check("blocksize64 total", run.Output.Loss.item<double>(), variant.GetProperty("total").GetDouble());
        var details = run.Output.DetailValues();
        foreach (var (key, value) in LossFixture.Details("variants", "blocksize64_patched_view_to_reshape", "details"))
            report.Check("blocksize64 " + key, details[key], value);
        AssertWithin(report);
    }
}
