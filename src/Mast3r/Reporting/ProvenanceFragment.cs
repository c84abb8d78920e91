namespace Mast3r.Reporting;

/// <summary>
/// What one experiment row used (predictor, checkpoint, dataset) and how long it took, written next to its variant
/// fragment so that <c>mast3r results</c> can fold every row's inputs into <c>provenance.json</c>.
/// </summary>
public sealed record ProvenanceFragment
{
    /// <summary>Experiment id.</summary>
    public required string ExperimentId { get; init; }

    /// <summary>Variant result id (<c>&lt;variant&gt;.&lt;row&gt;</c>).</summary>
    public required string ResultId { get; init; }

    /// <summary>Predictor name (checkpoint file, or the ground-truth oracle).</summary>
    public string? Predictor { get; init; }

    /// <summary>Checkpoint path, when a network ran.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>Checkpoint SHA-256, when a network ran.</summary>
    public string? CheckpointSha256 { get; init; }

    /// <summary>Dataset directory.</summary>
    public string? Dataset { get; init; }

    /// <summary>Dataset fingerprint (hash of its metadata files).</summary>
    public string? DatasetFingerprint { get; init; }

    /// <summary>Wall seconds of the row.</summary>
    public double Seconds { get; init; }
}
