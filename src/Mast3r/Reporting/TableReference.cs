namespace Mast3r.Reporting;

/// <summary>
/// A per-query or per-pair CSV that belongs to a variant, written with <see cref="CsvTable"/> under the run
/// directory. The report draws one cumulative error curve per entry of <see cref="CurveColumns"/>.
/// </summary>
public sealed record TableReference
{
    /// <summary>Path relative to the run directory, forward slashes (e.g. <c>"tables/visloc/aachen-day.csv"</c>).</summary>
    public required string Path { get; init; }

    /// <summary>What one row is: <c>"query"</c>, <c>"pair"</c>, <c>"scan"</c>, ….</summary>
    public string RowKind { get; init; } = "query";

    /// <summary>Numeric error columns (lower is better) worth a cumulative curve, e.g. <c>["t_err_m", "r_err_deg"]</c>.</summary>
    public IReadOnlyList<string> CurveColumns { get; init; } = [];
}
