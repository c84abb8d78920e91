namespace Mast3r.Reporting;

/// <summary>One experiment (<c>visloc</c>, <c>mapfree</c>, <c>relpose</c>, <c>mvs</c>, <c>matching</c>, …) of a run.</summary>
public sealed record ExperimentResult
{
    /// <summary>Experiment id as in the YAML file name and the <c>Experiment</c> test trait.</summary>
    public required string Id { get; init; }

    /// <summary>Human title (e.g. <c>"Visual localization (Table 4)"</c>).</summary>
    public string? Title { get; init; }

    /// <summary>Variants in YAML order.</summary>
    public IReadOnlyList<VariantResult> Variants { get; init; } = [];

    /// <summary>Combined verdict of all variants' metrics.</summary>
    public MetricStatus Status => StatusRollup.Combine(Variants.SelectMany(v => v.Metrics).Select(m => m.Status));
}
