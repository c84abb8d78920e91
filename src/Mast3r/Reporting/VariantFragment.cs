namespace Mast3r.Reporting;

/// <summary>On-disk form of one experiment row before <see cref="RunDirectory.AssembleResults"/> merges them.</summary>
internal sealed record VariantFragment
{
    public required string ExperimentId { get; init; }
    public string? ExperimentTitle { get; init; }
    public int Order { get; init; }
    public required VariantResult Variant { get; init; }
}
