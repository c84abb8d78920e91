using FluentAssertions;
using Mast3r.Training;
using Mast3r.Training.Losses;
using Xunit;

namespace Mast3r.Tests.Training;

[Trait("Category", "Unit")]
public sealed class CriterionFactoryTests
{
    /// <summary>The README "Our Hyperparameters" train criterion, verbatim.</summary>
    internal const string SeedCommandCriterion =
        "ConfLoss(Regr3D(L21, norm_mode='?avg_dis'), alpha=0.2, loss_in_log=False) + 0.075*ConfMatchingLoss(MatchingLoss(InfoNCE(mode='proper', temperature=0.05), negatives_padding=0, blocksize=8192), alpha=10.0, confmode='mean')";

    [Fact]
    public void Released_string_builds_the_expected_tree_with_explicit_values()
    {
        var c = (SumCriterion)CriterionFactory.Build(CriterionFactory.Released);
        var conf = (ConfLoss)c.First;
        conf.Alpha.Should().Be(0.2);
        conf.PixelLoss.MetricAware.Should().BeTrue();
        conf.PixelLoss.SkyLossValue.Should().Be(2);
        var weighted = (WeightedCriterion)c.Second;
        weighted.Weight.Should().Be(0.075);
        var cm = (ConfMatchingLoss)weighted.Inner;
        cm.Alpha.Should().Be(10.0);
        cm.ConfMode.Should().Be("mean");
        cm.Matching.BlockSize.Should().Be(8192);
        cm.Matching.Criterion.Mode.Should().Be("proper");
        cm.Matching.Criterion.Temperature.Should().Be(0.05);
    }

    [Fact]
    public void Omitted_arguments_take_the_released_class_defaults()
    {
        var c = (SumCriterion)CriterionFactory.Build("ConfLoss(Regr3D(L21)) + ConfMatchingLoss(MatchingLoss(InfoNCE()))");
        var conf = (ConfLoss)c.First;
        conf.Alpha.Should().Be(1.0);
        conf.PixelLoss.MetricAware.Should().BeFalse("Regr3D's default norm_mode is 'avg_dis' without '?'");
        var cm = (ConfMatchingLoss)c.Second;
        cm.Alpha.Should().Be(1.0);
        cm.ConfMode.Should().Be("prod");
        cm.Matching.BlockSize.Should().Be(4096);
        cm.Matching.Criterion.Mode.Should().Be("all");
        cm.Matching.Criterion.Temperature.Should().Be(0.07);
    }

    [Fact]
    public void Positional_norm_mode_is_accepted_as_in_the_readme()
    {
        var c = (ConfLoss)CriterionFactory.Build("ConfLoss(Regr3D(L21,'?avg_dis'), alpha=0.2)");
        c.PixelLoss.MetricAware.Should().BeTrue();
    }

    [Fact]
    public void Seed_command_criterion_parses_and_warns_about_loss_in_log()
    {
        var warnings = new List<string>();
        var c = CriterionFactory.Build(SeedCommandCriterion, warnings);
        c.Describe().Should().Be(CriterionFactory.Build(CriterionFactory.Released).Describe());
        warnings.Should().ContainSingle().Which.Should().Contain("TypeError");
    }

    [Theory]
    [InlineData("ConfLoss(Regr3D(L21), alpha=0.2, loss_in_log=True)", "loss_in_log")]
    [InlineData("ConfLoss(Regr3D(L11), alpha=0.2)", "L21")]
    [InlineData("ConfLoss(Regr3D(L21, norm_mode='median_dis'))", "median_dis")]
    [InlineData("ConfLoss(Regr3D(L21), alpha=0.2, beta=3)", "unexpected keyword argument 'beta'")]
    [InlineData("Regr3D(L21, norm_mode='?avg_dis', gt_scale=True, sky_loss_value=0) + -1.*MatchingLoss(APLoss(nq='torch', fp=torch.float16), negatives_padding=12288)", "gt_scale")]
    [InlineData("ConfMatchingLoss(MatchingLoss(InfoNCE(mode='sideways')))", "sideways")]
    [InlineData("ConfLoss(Regr3D(L21), alpha=0.2", "does not parse")]
    [InlineData("Regr3D_ScaleShiftInv(L21, gt_scale=True)", "not ported")]
    public void Unsupported_or_malformed_strings_fail_with_a_message_naming_the_problem(string text, string fragment)
    {
        var act = () => CriterionFactory.Build(text);
        act.Should().Throw<TrainingConfigException>().WithMessage($"*{fragment}*");
    }

    [Fact]
    public void Test_criterion_of_the_seed_command_parses_even_though_it_is_not_buildable()
    {
        var expr = PyExprParser.Parse("Regr3D(L21, norm_mode='?avg_dis', gt_scale=True, sky_loss_value=0) + -1.*MatchingLoss(APLoss(nq='torch', fp=torch.float16), negatives_padding=12288)");
        var sum = expr.Should().BeOfType<PyBinary>().Subject;
        sum.Op.Should().Be('+');
        var product = sum.Right.Should().BeOfType<PyBinary>().Subject;
        product.Op.Should().Be('*');
        product.Left.Should().BeOfType<PyNegate>().Which.Operand.Should().BeOfType<PyNumber>().Which.Value.Should().Be(1.0);
    }
}
