using System.Globalization;

namespace Mast3r.Training.Loop;

/// <summary>
/// The arguments of the official <c>train.py</c> (same names and defaults where they matter here) plus the suite's
/// <c>device</c> and <c>max_steps</c>. Serialised into checkpoints as the <c>args</c> namespace.
/// </summary>
internal sealed record TrainOptions
{
    public required string TrainDataset { get; init; }
    public required string Model { get; init; }
    public string TrainCriterion { get; init; } = "ConfLoss(Regr3D(L21, norm_mode='avg_dis'), alpha=0.2)";
    public string? Pretrained { get; init; }
    public double? Lr { get; init; }
    public double Blr { get; init; } = 1.5e-4;
    public double MinLr { get; init; }
    public double WarmupEpochs { get; init; } = 40;
    public int Epochs { get; init; } = 800;
    public int BatchSize { get; init; } = 64;
    public int AccumIter { get; init; } = 1;
    public double WeightDecay { get; init; } = 0.05;
    public string OutputDir { get; init; } = "./output/";
    public int Seed { get; init; }
    public int PrintFreq { get; init; } = 20;
    public int SaveFreq { get; init; } = 1;
    public int KeepFreq { get; init; } = 20;
    public string Device { get; init; } = "cpu";
    public long? MaxSteps { get; init; }

    /// <summary>Absolute lr: <c>--lr</c>, else blr × effective batch / 256 (upstream rule).</summary>
    public double EffectiveLr => Lr ?? Blr * BatchSize * AccumIter / 256.0;

    /// <summary>The <c>args</c> namespace in train.py's attribute order (architecture-spec §3, fixtures.md).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> AsNamespace() => new List<KeyValuePair<string, object?>>
    {
        new("model", Model), new("pretrained", Pretrained), new("train_criterion", TrainCriterion), new("test_criterion", null),
        new("train_dataset", TrainDataset), new("test_dataset", "[None]"), new("seed", (long)Seed),
        new("batch_size", (long)BatchSize), new("accum_iter", (long)AccumIter), new("epochs", (long)Epochs),
        new("weight_decay", WeightDecay), new("lr", EffectiveLr), new("blr", Blr), new("min_lr", MinLr),
        new("warmup_epochs", WarmupEpochs), new("amp", 0L), new("disable_cudnn_benchmark", false), new("num_workers", 0L),
        new("world_size", 1L), new("local_rank", -1L), new("dist_url", "env://"), new("eval_freq", 1L),
        new("save_freq", (long)SaveFreq), new("keep_freq", (long)KeepFreq), new("print_freq", (long)PrintFreq),
        new("output_dir", OutputDir), new("distributed", false), new("resume", null), new("start_epoch", 0L),
        new("device", Device), new("max_steps", MaxSteps),
    };

    public override string ToString() => string.Join(", ", AsNamespace().Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture)}"));
}
