namespace Mast3r.Reporting;

/// <summary>
/// Root of <c>results.json</c>: every metric of every experiment run, with expected value, tolerance, measured
/// value and verdict. The HTML report is a rendering of this file plus <c>provenance.json</c> and the CSVs.
/// </summary>
public sealed record RunResults
{
    /// <summary>Version of this schema; bump when a field changes meaning.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Run id, also the run directory's name (see <see cref="RunDirectory.NewRunId"/>).</summary>
    public required string RunId { get; init; }

    /// <summary>Experiments, ordered by id.</summary>
    public IReadOnlyList<ExperimentResult> Experiments { get; init; } = [];

    /// <summary>Combined verdict of the whole run.</summary>
    public MetricStatus Status => StatusRollup.Combine(Experiments.SelectMany(e => e.Variants).SelectMany(v => v.Metrics).Select(m => m.Status));
}
