namespace Mast3r.Reporting;

/// <summary>One variant of an experiment (e.g. <c>aachen-night</c> of <c>visloc</c>) with its metrics and tables.</summary>
public sealed record VariantResult
{
    /// <summary>Variant id as in the YAML and the <c>Variant</c> test trait.</summary>
    public required string Id { get; init; }

    /// <summary>Metrics in YAML order.</summary>
    public IReadOnlyList<MetricResult> Metrics { get; init; } = [];

    /// <summary>Per-query/per-pair CSVs for the drill-down and the curves.</summary>
    public IReadOnlyList<TableReference> Tables { get; init; } = [];

    /// <summary>Files the variant produced for someone else to score (benchmark submissions), relative to the run directory.</summary>
    public IReadOnlyList<string> Submissions { get; init; } = [];

    /// <summary>Wall time of the variant in seconds, if measured.</summary>
    public double? Seconds { get; init; }

    /// <summary>Free text shown under the variant (e.g. which predictor stood in for the network).</summary>
    public string? Note { get; init; }

    /// <summary>Combined verdict of <see cref="Metrics"/> (see <see cref="StatusRollup.Combine"/>).</summary>
    public MetricStatus Status => StatusRollup.Combine(Metrics.Select(m => m.Status));
}
