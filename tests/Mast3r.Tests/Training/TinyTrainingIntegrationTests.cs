using System.Text.Json;
using FluentAssertions;
using Mast3r.Checkpoints;
using Mast3r.Model;
using Mast3r.Tests.TestSupport;
using Mast3r.Training;
using Mast3r.Training.Loop;
using Xunit;

namespace Mast3r.Tests.Training;

/// <summary>
/// A real (very small) training run on synthetic scenes on CPU: the loss falls, the checkpoints follow the official
/// layout and load back, and stop + resume continues the same loss curve.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TinyTrainingIntegrationTests(ITestOutputHelper output)
{
    private static TrainOptions Options(string dir) => TrainPresets.TinySynthetic(dir) with
    {
        TrainDataset = "SyntheticScenes(2, resolution=(32, 32), seed=3, n_corres=32, nneg=0.5)",
        BatchSize = 1,
        Epochs = 6,
        WarmupEpochs = 1,
        Lr = 3e-4,
        MinLr = 1e-5,
        PrintFreq = 1,
    };

    private static double[] EpochLosses(IEnumerable<EpochStats> stats) => stats.Where(s => s.Completed).Select(s => s.Averages["loss"]).ToArray();

    [Fact]
    public void Loss_falls_and_stop_plus_resume_continues_the_same_curve()
    {
        string straight = TestPaths.NewTempDir("train-straight"), resumed = TestPaths.NewTempDir("train-resumed");
        try
        {
            RunAndResume(straight, resumed);
        }
        finally
        {
            Delete(straight, resumed);
        }
    }

    /// <summary>checkpoint-last of the tiny model weighs ~0.5 GB (the DPT heads keep upstream's fixed widths): never leave it behind.</summary>
    private static void Delete(params string[] dirs)
    {
        foreach (var d in dirs) if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
    }

    private void RunAndResume(string straight, string resumed)
    {
        double[] full;
        using (var trainer = new Trainer(Options(straight), output.WriteLine))
            full = EpochLosses(trainer.Run());
        output.WriteLine("straight run, mean loss per epoch: " + string.Join(", ", full.Select(v => v.ToString("F4"))));
        full.Should().HaveCount(6);
        full[^1].Should().BeLessThan(0.75 * full[0], "six epochs on two scenes (one metric, one not) must reduce the loss clearly");

        // Official files: log.txt (one JSON line per epoch), checkpoint-last/-final readable by the checkpoint loader.
        var lines = File.ReadAllLines(Path.Combine(straight, "log.txt"));
        lines.Should().HaveCount(6);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            first.RootElement.GetProperty("epoch").GetInt32().Should().Be(0);
            first.RootElement.GetProperty("train_loss").GetDouble().Should().BeApproximately(full[0], 1e-9);
            first.RootElement.TryGetProperty("train_conf_loss_1", out _).Should().BeTrue();
        }
        Directory.GetFiles(straight, "events.out.tfevents.*").Should().NotBeEmpty();
        var final = Checkpoint.Load(Path.Combine(straight, "checkpoint-final.pth"));
        final.ModelString.Should().Be(TrainPresets.TinyModel);
        using (var reloaded = Mast3rModel.FromCheckpoint(final, applyLoaderRewrites: false)) reloaded.Should().NotBeNull();
        TrainCheckpoint.ReadResumeState(Path.Combine(straight, "checkpoint-last.pth")).Epoch.Should().Be(5);

        // Stop in the middle of epoch 1 (checkpoint-last then holds epoch 0), resume in a new trainer for epochs 1–2.
        using (var stopping = new Trainer(Options(resumed) with { MaxSteps = 3 }, output.WriteLine))
        {
            var partial = stopping.Run();
            partial.Should().HaveCount(2);
            partial[1].Completed.Should().BeFalse();
            EpochLosses(partial)[0].Should().Be(full[0], "the first epoch is the same computation");
        }
        TrainCheckpoint.ReadResumeState(Path.Combine(resumed, "checkpoint-last.pth")).Epoch.Should().Be(0);
        double[] continued;
        using (var resuming = new Trainer(Options(resumed) with { MaxSteps = 4 }, output.WriteLine))
            continued = EpochLosses(resuming.Run());
        output.WriteLine("resumed run, epochs 1-2: " + string.Join(", ", continued.Select(v => v.ToString("F4"))));
        continued.Should().HaveCount(2);
        continued[0].Should().BeApproximately(full[1], 1e-6 * Math.Abs(full[1]), "resume must continue the same curve");
        continued[1].Should().BeApproximately(full[2], 1e-6 * Math.Abs(full[2]));
    }

    [Fact]
    public void Non_finite_loss_stops_with_a_clear_error_and_keeps_the_last_checkpoint()
    {
        string dir = TestPaths.NewTempDir("train-nan");
        try
        {
            DivergeAndCheck(dir);
        }
        finally
        {
            Delete(dir);
        }
    }

    private void DivergeAndCheck(string dir)
    {
        // lr 1e30: the warm-up's first step has lr 0, the second blows the weights up, epoch 1 then sees a non-finite loss.
        var options = Options(dir) with { TrainDataset = "SyntheticScenes(2, resolution=(32, 32), seed=1, n_corres=32, nneg=0.5)", Lr = 1e30, Epochs = 3 };
        using var trainer = new Trainer(options, output.WriteLine);
        var act = () => trainer.Run();
        act.Should().Throw<TrainingDivergedException>().WithMessage("*loss is*epoch 1*checkpoint-last.pth*");
        TrainCheckpoint.ReadResumeState(Path.Combine(dir, "checkpoint-last.pth")).Epoch.Should().Be(0);
        File.ReadAllLines(Path.Combine(dir, "log.txt")).Should().HaveCount(1);
        File.Exists(Path.Combine(dir, "checkpoint-final.pth")).Should().BeFalse();
    }

    [Fact]
    public void Seed_command_strings_parse_and_unreadable_datasets_fail_with_a_clear_message()
    {
        var options = new TrainOptions { TrainDataset = SeedCommand.TrainDataset, Model = SeedCommand.Model, TrainCriterion = CriterionFactoryTests.SeedCommandCriterion, OutputDir = Path.Combine(Path.GetTempPath(), "mast3r-never-created") };
        var act = () => new Trainer(options);
        act.Should().Throw<TrainingConfigException>().WithMessage("*15 terms*Habitat512*BlendedMVS*cannot be read*");
        Mast3rConfig.FromModelString(SeedCommand.Model, applyLoaderRewrites: false).EncDepth.Should().Be(24);
    }
}
