namespace Mast3r.Reproduction;

/// <summary>
/// One <c>repro/ExpectedResults/&lt;experiment&gt;.yaml</c>: the paper rows an experiment reproduces, with every metric's
/// published value, tolerance and source cell, plus the synthetic expectations checked by the embedded suite.
/// Loaded and validated by <see cref="ExpectedResultsLoader"/>.
/// </summary>
internal sealed class ExpectedResultsFile
{
    /// <summary>Experiment id (equals the file name and the <c>Experiment</c> test trait).</summary>
    public string Experiment { get; set; } = "";

    /// <summary>Human-readable title.</summary>
    public string Title { get; set; } = "";

    /// <summary>Where the protocol is described.</summary>
    public string Protocol { get; set; } = "";

    /// <summary>Shared tolerance definitions (referenced through YAML anchors; kept for readability only).</summary>
    public List<Tolerance> Tolerances { get; set; } = new();

    /// <summary>Dataset variants (the <c>Variant</c> test trait).</summary>
    public List<ExperimentVariant> Variants { get; set; } = new();

    /// <summary>The file it was read from (set by the loader).</summary>
    public string Path { get; set; } = "";
}

/// <summary>One dataset variant of an experiment (e.g. <c>aachen-day</c>).</summary>
internal sealed class ExperimentVariant
{
    /// <summary>Variant id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Dataset key understood by <c>Mast3r.Datasets</c> (e.g. <c>aachen</c>, <c>mapfree</c>).</summary>
    public string Dataset { get; set; } = "";

    /// <summary>Optional subset (day, night, DUC1, val, test…).</summary>
    public string? Subset { get; set; }

    /// <summary><c>public</c> (checked locally) or <c>hidden</c> (benchmark server).</summary>
    public string GroundTruth { get; set; } = "";

    /// <summary>Who computes the numbers (local metric or server).</summary>
    public string Evaluation { get; set; } = "";

    /// <summary>Free-text caveat shown in reports.</summary>
    public string? Note { get; set; }

    /// <summary>Paper rows.</summary>
    public List<ExpectedRow> Rows { get; set; } = new();

    /// <summary>Expectations of the embedded synthetic suite (ground-truth oracle instead of the network).</summary>
    public SyntheticExpectations? Synthetic { get; set; }

    /// <summary>True when ground truth is withheld and only a submission file can be produced.</summary>
    public bool IsHidden => GroundTruth == "hidden";
}

/// <summary>One row of a paper table (or one row shared by two tables, e.g. Table 4 = Table 5 coarse-to-fine).</summary>
internal sealed class ExpectedRow
{
    /// <summary>Row id, unique within the variant.</summary>
    public string Id { get; set; } = "";

    /// <summary>Label for reports.</summary>
    public string Label { get; set; } = "";

    /// <summary>Pipeline settings this row needs (topk, coarse_to_fine, depth…).</summary>
    public Dictionary<string, string> Settings { get; set; } = new();

    /// <summary>Where the numbers are printed; empty for plausibility rows that are not paper numbers.</summary>
    public List<RowSource> Sources { get; set; } = new();

    /// <summary>The metrics of the row.</summary>
    public List<ExpectedMetric> Metrics { get; set; } = new();

    /// <summary>A setting as text, or <paramref name="fallback"/>.</summary>
    public string Setting(string key, string fallback) => Settings.TryGetValue(key, out var v) ? v : fallback;
}

/// <summary>A table row in the paper (and in expected-results.md).</summary>
internal sealed class RowSource
{
    /// <summary>Paper table, e.g. "Table 4".</summary>
    public string Table { get; set; } = "";

    /// <summary>Heading of the expected-results.md section holding the table, without the <c>## </c>.</summary>
    public string Section { get; set; } = "";

    /// <summary>Cell texts that together identify the row (bold markers ignored).</summary>
    public List<string> Row { get; set; } = new();
}

/// <summary>One published number.</summary>
internal sealed class ExpectedMetric
{
    /// <summary>Metric key, as the pipeline reports it.</summary>
    public string Name { get; set; } = "";

    /// <summary>Per source: "column header#part" (part = index after splitting the cell on '/').</summary>
    public List<string> Cells { get; set; } = new();

    /// <summary>Published value.</summary>
    public double Value { get; set; }

    /// <summary>percent, fraction, px, m, deg, mm or count.</summary>
    public string Unit { get; set; } = "";

    /// <summary>higher or lower (is better).</summary>
    public string Direction { get; set; } = "";

    /// <summary>When true the value is a one-sided bound chosen by this suite, not a paper number.</summary>
    public bool Bound { get; set; }

    /// <summary>Accepted deviation.</summary>
    public Tolerance Tolerance { get; set; } = new();
}

/// <summary>An accepted deviation from a published number, with the reason for its size.</summary>
internal sealed class Tolerance
{
    /// <summary>Absolute tolerance in the metric's unit.</summary>
    public double? Absolute { get; set; }

    /// <summary>Relative tolerance (fraction of the published value).</summary>
    public double? Relative { get; set; }

    /// <summary>Why this size.</summary>
    public string Rationale { get; set; } = "";

    /// <summary>The allowed absolute deviation around <paramref name="value"/>.</summary>
    public double Allowed(double value) => Absolute ?? (Relative ?? 0) * Math.Abs(value);
}

/// <summary>What the embedded synthetic suite must reach for a variant.</summary>
internal sealed class SyntheticExpectations
{
    /// <summary>Pipeline settings of the synthetic row (e.g. a coarse-to-fine variant with a smaller network); empty = the
    /// experiment's synthetic defaults.</summary>
    public Dictionary<string, string> Settings { get; set; } = new();

    /// <summary>One-sided thresholds.</summary>
    public List<SyntheticMetric> Metrics { get; set; } = new();
}

/// <summary>A one-sided synthetic expectation (measured ≥ threshold for higher, ≤ for lower).</summary>
internal sealed class SyntheticMetric
{
    /// <summary>Metric key.</summary>
    public string Name { get; set; } = "";

    /// <summary>Unit.</summary>
    public string Unit { get; set; } = "";

    /// <summary>higher or lower.</summary>
    public string Direction { get; set; } = "";

    /// <summary>The threshold.</summary>
    public double Threshold { get; set; }

    /// <summary>Why this threshold.</summary>
    public string Rationale { get; set; } = "";

    /// <summary>Whether <paramref name="measured"/> meets the threshold.</summary>
    public bool IsMet(double measured) =>
        Direction == "higher" ? measured >= Threshold : measured <= Threshold;
}
