namespace Mast3r.Reporting;

/// <summary>
/// One metric of one experiment variant: the expected (paper or synthetic) value with its tolerance, what was
/// measured, and the verdict. Numbers are in <see cref="Unit"/>; <see cref="Measured"/> is null unless measured.
/// </summary>
public sealed record MetricResult
{
    /// <summary>Metric id as in the ExpectedResults YAML (e.g. <c>"recall_0.25m_2deg"</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Unit of <see cref="Expected"/>, <see cref="Tolerance"/> and <see cref="Measured"/> (e.g. <c>"%"</c>, <c>"m"</c>, <c>"deg"</c>).</summary>
    public string Unit { get; init; } = "";

    /// <summary>Which way the metric improves.</summary>
    public MetricDirection Direction { get; init; } = MetricDirection.Higher;

    /// <summary>Value the run is judged against (paper table value or synthetic expectation).</summary>
    public double? Expected { get; init; }

    /// <summary>Absolute tolerance in <see cref="Unit"/>.</summary>
    public double? Tolerance { get; init; }

    /// <summary>How measured is compared with expected ± tolerance.</summary>
    public ToleranceComparison Comparison { get; init; } = ToleranceComparison.Within;

    /// <summary>Why the tolerance is what it is (copied from the YAML).</summary>
    public string? ToleranceRationale { get; init; }

    /// <summary>The measured value, or null when skipped or scored externally.</summary>
    public double? Measured { get; init; }

    /// <summary>Verdict.</summary>
    public required MetricStatus Status { get; init; }

    /// <summary>Why SKIPPED/EXTERNAL/FAIL (missing path and the command that prepares it, submission file, …).</summary>
    public string? Reason { get; init; }

    /// <summary>Paper table the expected value comes from (e.g. <c>"Table 4"</c>); null for synthetic expectations.</summary>
    public string? Table { get; init; }

    /// <summary>Row/column of that table (e.g. <c>"MASt3R top40, Aachen night"</c>).</summary>
    public string? Row { get; init; }

    /// <summary>
    /// Verdict for a measured value: PASS if it satisfies <paramref name="comparison"/> against expected ±
    /// tolerance, FAIL otherwise (also for NaN, which can never be within anything).
    /// </summary>
    public static MetricStatus Judge(double expected, double tolerance, double measured, ToleranceComparison comparison = ToleranceComparison.Within)
    {
        if (double.IsNaN(measured) || double.IsNaN(expected) || double.IsNaN(tolerance) || tolerance < 0)
            return MetricStatus.Fail;
        bool ok = comparison switch
        {
            ToleranceComparison.Within => Math.Abs(measured - expected) <= tolerance,
            ToleranceComparison.AtLeast => measured >= expected - tolerance,
            ToleranceComparison.AtMost => measured <= expected + tolerance,
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "Unknown comparison."),
        };
        return ok ? MetricStatus.Pass : MetricStatus.Fail;
    }
}
