using FluentAssertions;
using Mast3r.Checkpoints;
using Mast3r.Tests.TestSupport;
using Mast3r.Training.Loop;
using Mast3r.Training.Optim;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Training;

[Trait("Category", "Unit")]
public sealed class TrainCheckpointTests
{
    private sealed class Tiny : nn.Module
    {
#pragma warning disable IDE1006
        private readonly TorchSharp.Modules.Linear fc;
#pragma warning restore IDE1006

        public Tiny() : base("Tiny")
        {
            fc = nn.Linear(3, 2);
            RegisterComponents();
        }
    }

    [Fact]
    public void Checkpoint_round_trips_weights_args_epoch_and_adam_state_through_the_official_layout()
    {
        string dir = TestPaths.NewTempDir("ckpt");
        using var model = new Tiny();
        var opt = new AdamW(ParamGroups.Split(model.named_parameters().Select(p => (p.name, p.parameter)), 0.05));
        opt.SetLearningRate(1e-3);
        using (var x = torch.ones(4, 3))
        {
            var y = ((TorchSharp.Modules.Linear)model.named_children().Single().module).forward(x).sum();
            y.backward();
        }
        opt.Step();
        var args = new List<KeyValuePair<string, object?>> { new("model", "Tiny()"), new("lr", 1e-3), new("epochs", 5L), new("resume", null), new("amp", false) };
        string path = Path.Combine(dir, "checkpoint-last.pth");
        TrainCheckpoint.Save(path, model, opt, args, epoch: 2);

        var ck = Checkpoint.Load(path);
        ck.Keys.Should().Equal("fc.weight", "fc.bias");
        ck.Args["model"].Should().Be("Tiny()");
        ck.Args["epochs"].Should().Be(5L);
        ck.Args["resume"].Should().BeNull();
        using (var w = ck.ToTensor("fc.weight"))
        using (var p = model.named_parameters().First().parameter.detach())
            w.eq(p).all().item<bool>().Should().BeTrue();

        var state = TrainCheckpoint.ReadResumeState(path);
        state.Epoch.Should().Be(2);
        state.GroupLr.Should().Equal(1e-3, 1e-3);
        state.Adam.Keys.Should().BeEquivalentTo(new[] { 0, 1 }, "group 0 = fc.weight (decayed), group 1 = fc.bias");
        state.Adam[0].Step.Should().Be(1);
        state.Adam[0].ExpAvg.eq(opt.State[0].ExpAvg).all().item<bool>().Should().BeTrue();
        state.Adam[1].ExpAvgSq.eq(opt.State[1].ExpAvgSq).all().item<bool>().Should().BeTrue();

        string finalPath = Path.Combine(dir, "checkpoint-final.pth");
        TrainCheckpoint.Save(finalPath, model, null, args, epoch: 5);
        Checkpoint.Load(finalPath).Keys.Should().HaveCount(2);
        var act = () => TrainCheckpoint.ReadResumeState(finalPath);
        act.Should().Throw<CheckpointException>().WithMessage("*optimizer*");
    }
}
