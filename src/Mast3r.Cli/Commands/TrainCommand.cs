using System.CommandLine;
using System.Globalization;
using Mast3r.Checkpoints;
using Mast3r.Training;
using Mast3r.Training.Loop;
using Spectre.Console;

namespace Mast3r.Cli.Commands;

/// <summary>
/// `mast3r train`: the official train.py arguments (underscore names kept) plus --device, --max-steps and --preset.
/// Resumes automatically from OUTPUT_DIR/checkpoint-last.pth, as upstream does.
/// </summary>
internal sealed class TrainCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("train", "Train MASt3R with the official recipe (criterion, AdamW groups, warm-up + cosine lr, checkpoints).");
        var preset = Opt<string>("--preset", "Start from a named configuration: tiny-synthetic (tiny model, synthetic scenes, CPU, minutes).");
        var dataset = Opt<string>("--train_dataset", "Dataset mix, e.g. \"1000 @ SyntheticScenes(2000, resolution=(64, 48))\".");
        var model = Opt<string>("--model", "Network constructor string, e.g. \"AsymmetricMASt3R(...)\".");
        var criterion = Opt<string>("--train_criterion", "Criterion string, e.g. the released \"ConfLoss(Regr3D(L21, norm_mode='?avg_dis'), alpha=0.2) + …\".");
        var pretrained = Opt<string>("--pretrained", "Checkpoint to initialise from (loaded non-strictly, as upstream).");
        var lr = Opt<double?>("--lr", "Absolute learning rate (default: blr × effective batch / 256).");
        var blr = Opt<double?>("--blr", "Base learning rate (default 1.5e-4).");
        var minLr = Opt<double?>("--min_lr", "Lower bound of the cosine schedule (default 0).");
        var warmup = Opt<double?>("--warmup_epochs", "Linear warm-up epochs (default 40).");
        var epochs = Opt<int?>("--epochs", "Number of epochs (default 800).");
        var batch = Opt<int?>("--batch_size", "Pairs per iteration before symmetrisation (default 64).");
        var accum = Opt<int?>("--accum_iter", "Iterations per optimiser step (default 1).");
        var wd = Opt<double?>("--weight_decay", "AdamW weight decay of ≥2-D non-bias tensors (default 0.05).");
        var output = Opt<string>("--output_dir", "Output folder: checkpoints, log.txt, TensorBoard events (default ./output/).");
        var seed = Opt<int?>("--seed", "Random seed (default 0).");
        var printFreq = Opt<int?>("--print_freq", "TensorBoard logging every print_freq optimiser steps (default 20).");
        var saveFreq = Opt<int?>("--save_freq", "Save checkpoint-last every save_freq epochs (default 1).");
        var keepFreq = Opt<int?>("--keep_freq", "Keep checkpoint-N every keep_freq epochs (default 20; 0 = never).");
        var device = Opt<string>("--device", "cpu (default) or cuda[:i].");
        var maxSteps = Opt<long?>("--max-steps", "Stop after this many iterations in this run (the last completed epoch stays checkpointed).");
        foreach (var o in new Option[] { preset, dataset, model, criterion, pretrained, lr, blr, minLr, warmup, epochs, batch, accum, wd, output, seed, printFreq, saveFreq, keepFreq, device, maxSteps })
            command.Options.Add(o);

        command.SetAction(r =>
        {
            string? presetName = r.GetValue(preset);
            string outDir = r.GetValue(output) ?? (presetName != null ? Path.Combine("output", presetName) : "./output/");
            TrainOptions o;
            try
            {
                var basis = presetName != null ? TrainPresets.Get(presetName, outDir) : new TrainOptions
                {
                    TrainDataset = r.GetValue(dataset) ?? throw new CliUsageException("--train_dataset is required (or use --preset)."),
                    Model = r.GetValue(model) ?? throw new CliUsageException("--model is required (or use --preset)."),
                };
                o = basis with
                {
                    TrainDataset = r.GetValue(dataset) ?? basis.TrainDataset,
                    Model = r.GetValue(model) ?? basis.Model,
                    TrainCriterion = r.GetValue(criterion) ?? basis.TrainCriterion,
                    Pretrained = r.GetValue(pretrained) ?? basis.Pretrained,
                    Lr = r.GetValue(lr) ?? basis.Lr,
                    Blr = r.GetValue(blr) ?? basis.Blr,
                    MinLr = r.GetValue(minLr) ?? basis.MinLr,
                    WarmupEpochs = r.GetValue(warmup) ?? basis.WarmupEpochs,
                    Epochs = r.GetValue(epochs) ?? basis.Epochs,
                    BatchSize = r.GetValue(batch) ?? basis.BatchSize,
                    AccumIter = r.GetValue(accum) ?? basis.AccumIter,
                    WeightDecay = r.GetValue(wd) ?? basis.WeightDecay,
                    OutputDir = outDir,
                    Seed = r.GetValue(seed) ?? basis.Seed,
                    PrintFreq = r.GetValue(printFreq) ?? basis.PrintFreq,
                    SaveFreq = r.GetValue(saveFreq) ?? basis.SaveFreq,
                    KeepFreq = r.GetValue(keepFreq) ?? basis.KeepFreq,
                    Device = r.GetValue(device) ?? basis.Device,
                    MaxSteps = r.GetValue(maxSteps) ?? basis.MaxSteps,
                };
                return Run(o);
            }
            catch (TrainingConfigException e)
            {
                throw new CliUsageException(e.Message);
            }
            catch (CheckpointException e)
            {
                throw new CliUsageException(e.Message);
            }
        });
        return command;
    }

    private static int Run(TrainOptions o)
    {
        AnsiConsole.MarkupLine($"[bold]mast3r train[/] → {Markup.Escape(Path.GetFullPath(o.OutputDir))}");
        IReadOnlyList<EpochStats> stats;
        try
        {
            stats = AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    ProgressTask? task = null;
                    int currentEpoch = -1;
                    var progress = new InlineProgress(s =>
                    {
                        if (s.Epoch != currentEpoch)
                        {
                            task?.StopTask();
                            task = ctx.AddTask($"epoch {s.Epoch}", maxValue: s.IterationsPerEpoch);
                            currentEpoch = s.Epoch;
                        }
                        task!.Value = s.Iteration + 1;
                        task.Description = string.Create(CultureInfo.InvariantCulture,
                            $"epoch {s.Epoch} loss {s.Loss:F4} lr {s.Lr:E2} {s.PairsPerSecond:F1} pairs/s");
                    });
                    using var trainer = new Trainer(o, m => AnsiConsole.MarkupLine(Markup.Escape(m)), progress);
                    return trainer.Run();
                });
        }
        catch (TrainingDivergedException e)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
        foreach (var s in stats)
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {s.Epoch}: mean loss {s.Averages.GetValueOrDefault("loss"):F4}{(s.Completed ? "" : " (partial)")}"));
        return 0;
    }

    private static Option<T> Opt<T>(string name, string description) => new(name) { Description = description };

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the bar must update in step order, so report inline.</summary>
    private sealed class InlineProgress(Action<StepReport> handler) : IProgress<StepReport>
    {
        public void Report(StepReport value) => handler(value);
    }
}
