namespace Mast3r.Reporting;

/// <summary>
/// Root of <c>provenance.json</c>: what produced a run's numbers (code, weights, data, machine, settings, time).
/// No metric is reported without it. <see cref="ProvenanceCapture.Host"/> fills the host fields.
/// </summary>
public sealed record Provenance
{
    /// <summary>Version of this schema; bump when a field changes meaning.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Run id (matches <see cref="RunResults.RunId"/>).</summary>
    public required string RunId { get; init; }

    /// <summary>Git commit of the code, or <c>"unknown"</c> outside a checkout.</summary>
    public string GitCommit { get; init; } = "unknown";

    /// <summary>True when the working tree had uncommitted changes.</summary>
    public bool? GitDirty { get; init; }

    /// <summary>Command line that started the run.</summary>
    public string? CommandLine { get; init; }

    /// <summary>Start time (UTC, ISO 8601).</summary>
    public DateTimeOffset? StartedUtc { get; init; }

    /// <summary>End time (UTC, ISO 8601).</summary>
    public DateTimeOffset? FinishedUtc { get; init; }

    /// <summary>What stood in for the network: the checkpoint name, or <c>"ground-truth oracle"</c> for the synthetic suite.</summary>
    public string Predictor { get; init; } = "";

    /// <summary>Checkpoints used, with their SHA-256.</summary>
    public IReadOnlyList<CheckpointProvenance> Checkpoints { get; init; } = [];

    /// <summary>Datasets used, with their fingerprints.</summary>
    public IReadOnlyList<DatasetProvenance> Datasets { get; init; } = [];

    /// <summary>Host name.</summary>
    public string Machine { get; init; } = "";

    /// <summary>Operating system description.</summary>
    public string Os { get; init; } = "";

    /// <summary>CPU model and logical core count.</summary>
    public string Cpu { get; init; } = "";

    /// <summary>GPU model, or null when none was used.</summary>
    public string? Gpu { get; init; }

    /// <summary>Torch device the model ran on (<c>"cpu"</c>, <c>"cuda"</c>, <c>"cuda:1"</c>).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Inference dtype (<c>"float32"</c>, <c>"bfloat16"</c>, …).</summary>
    public string Dtype { get; init; } = "float32";

    /// <summary>Random seed (RANSAC, sampling).</summary>
    public long? Seed { get; init; }

    /// <summary>.NET runtime version.</summary>
    public string DotnetVersion { get; init; } = "";

    /// <summary>TorchSharp assembly version.</summary>
    public string? TorchSharpVersion { get; init; }

    /// <summary>libtorch version TorchSharp runs on.</summary>
    public string? LibTorchVersion { get; init; }

    /// <summary>Wall time per stage (model load, inference, matching, …) in run order.</summary>
    public IReadOnlyList<StageTiming> Timings { get; init; } = [];

    /// <summary>Pipeline settings that change numbers (image size, subsample, RANSAC parameters…), as key → value text.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
