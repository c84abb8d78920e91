using System.CommandLine;
using Mast3r.Checkpoints;

namespace Mast3r.Cli;

/// <summary>Where a command's network weights come from: an official checkpoint file or a portable-weights preset.</summary>
/// <param name="CheckpointPath">The checkpoint file, when one was given.</param>
/// <param name="RandomWeights">The portable-weights configuration, when <c>--random-weights</c> was given.</param>
internal sealed record ModelSource(string? CheckpointPath, ArchitectureShape? RandomWeights)
{
    /// <summary>For reports and provenance: the checkpoint path, or <c>random-weights:full|tiny</c>.</summary>
    public string Describe() => CheckpointPath ?? $"random-weights:{(RandomWeights == ArchitectureShape.Full ? "full" : RandomWeights == ArchitectureShape.Tiny ? "tiny" : "custom")} (portable scheme v1)";
}

/// <summary>
/// The shared <c>--checkpoint C</c> / <c>--random-weights full|tiny</c> pair: every command that runs the network
/// (infer, match, bench) adds both with <see cref="AddTo"/> and reads them with <see cref="Resolve"/>, so the
/// portable synthetic weights (shared docs portable-weights.md) work wherever a checkpoint does.
/// </summary>
internal sealed class ModelSourceOptions
{
    /// <summary><c>--checkpoint</c>: an official MASt3R .pth file.</summary>
    public Option<FileInfo?> Checkpoint { get; } = new("--checkpoint")
    {
        Description = "Official MASt3R checkpoint (.pth) to load.",
    };

    /// <summary><c>--random-weights</c>: deterministic portable weights instead of a checkpoint.</summary>
    public Option<string?> RandomWeights { get; } = CreateRandomWeights();

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Checkpoint);
        command.Options.Add(RandomWeights);
    }

    /// <summary>Exactly one of the two must be given; a checkpoint must exist. Throws <see cref="CliUsageException"/> otherwise.</summary>
    public ModelSource Resolve(ParseResult result)
    {
        var checkpoint = result.GetValue(Checkpoint);
        string? preset = result.GetValue(RandomWeights);
        if (checkpoint is null && preset is null)
            throw new CliUsageException("give the network weights: --checkpoint <file.pth> or --random-weights full|tiny");
        if (checkpoint is not null && preset is not null)
            throw new CliUsageException("--checkpoint and --random-weights are alternatives; give only one");
        if (checkpoint is not null)
        {
            if (!checkpoint.Exists) throw new CliUsageException($"--checkpoint: file not found: {checkpoint.FullName}");
            return new ModelSource(checkpoint.FullName, null);
        }
        return new ModelSource(null, ArchitectureShape.FromPreset(preset!));
    }

    private static Option<string?> CreateRandomWeights()
    {
        var option = new Option<string?>("--random-weights")
        {
            Description = "Run without a checkpoint on deterministic portable weights (scheme v1): 'full' = the released " +
                          "model's configuration, 'tiny' = the parity fixture's.",
        };
        option.AcceptOnlyFromAmong("full", "tiny");
        return option;
    }
}
