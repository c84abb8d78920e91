using FluentAssertions;
using Mast3r.Model;
using Mast3r.Training.Losses;
using Mast3r.Tests.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Training;

/// <summary>
/// The tiny_a network forward + official criterion + backward on the loss-fixture batch: the step-1 loss and the
/// gradients of the nine named parameters against the official float32 training path (losses.md §6, suggested use 2).
/// </summary>
[Trait("Category", "Parity")]
public sealed class ModelGradientParityTests(ITestOutputHelper output)
{
    [Fact]
    public void Step1_loss_and_parameter_gradients_match_the_official_training_path()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Mast3rModel.FromCheckpoint(TinyA.Checkpoint);
        model.train();
        var img1 = LossFixture.Load("inputs/view1_img.npy");
        var img2 = LossFixture.Load("inputs/view2_img.npy");
        var shapes = Enumerable.Repeat((48, 64), 4).ToArray();
        var (o1, o2) = model.Forward(img1, img2, shapes, shapes, symmetrized: true);
        var criterion = CriterionFactory.Build(CriterionFactory.Released);
        var loss = criterion.Compute(LossFixture.Gt(1, ScalarType.Float32), LossFixture.Gt(2, ScalarType.Float32),
            new PredView(o1.Pts3d, o1.Conf, o1.Desc, o1.DescConf), new PredView(o2.Pts3d, o2.Conf, o2.Desc, o2.DescConf));
        loss.Loss.backward();

        var report = new ToleranceReport();
        report.Check("step1 loss", loss.Loss.item<float>(), LossFixture.Value("step1", "loss"));
        var named = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var normReport = new ToleranceReport(abs: 0, rel: 1e-3);
        foreach (var f in LossFixture.Manifest.GetProperty("files").EnumerateArray())
        {
            string file = f.GetProperty("file").GetString()!;
            if (!file.StartsWith("params/", StringComparison.Ordinal) || !file.Contains(".g1", StringComparison.Ordinal)) continue;
            string name = f.GetProperty("param").GetString()!;
            var grad = named[name].grad ?? throw new InvalidOperationException($"{name} received no gradient");
            var reference = LossFixture.Load(file);
            var mine = file.Contains(".rows", StringComparison.Ordinal) ? grad.narrow(0, RowStart(file), reference.shape[0]) : grad;
            report.CheckTensor(name + " g1", mine, reference);
            if (!file.Contains(".rows", StringComparison.Ordinal))
                normReport.Check(name + " L2 norm", grad.norm().item<float>(), LossFixture.Value("param_stats", "g1", name, "l2"));
        }
        output.WriteLine(report.Summary());
        output.WriteLine(normReport.Summary());
        report.Worst.Should().OnlyContain(kv => kv.Value <= 1.0);
        normReport.Worst.Should().OnlyContain(kv => kv.Value <= 1.0);
    }

    [Fact]
    public void Parameter_groups_of_tiny_a_equal_the_official_ones_name_for_name()
    {
        using var model = new Mast3rModel(Mast3rConfig.FromModelString(TinyA.Checkpoint.ModelString!));
        var groups = Mast3r.Training.Optim.ParamGroups.Split(model.named_parameters().Select(p => (p.name, p.parameter)), 0.05);
        var official = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(LossFixture.Dir, "param_groups.json"))).RootElement;
        groups[0].WeightDecay.Should().Be(0.05);
        groups[0].Params.Select(p => p.Name).Should().Equal(official.GetProperty("decay").EnumerateArray().Select(e => e.GetString()));
        groups[1].WeightDecay.Should().Be(0.0);
        groups[1].Params.Select(p => p.Name).Should().Equal(official.GetProperty("no_decay").EnumerateArray().Select(e => e.GetString()));
    }

    private static long RowStart(string file)
    {
        int at = file.IndexOf(".rows", StringComparison.Ordinal) + ".rows".Length;
        return long.Parse(file[at..file.IndexOf('-', at)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
