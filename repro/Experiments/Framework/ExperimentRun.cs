using System.Globalization;
using Mast3r.Reporting;
using Mast3r.Reproduction;
using Xunit;

namespace Mast3r.Repro.Experiments.Framework;

/// <summary>
/// One theory row being executed: its YAML entry, output directory, skip/require-data policy, and the final
/// comparison of measured metrics with the paper (tolerances) or the synthetic expectations (thresholds). Writes the
/// row through the run-artifact contract (<c>Mast3r.Reporting.RunDirectory</c>: <c>variants/&lt;experiment&gt;/&lt;variant&gt;.&lt;row&gt;.json</c>,
/// <c>tables/…</c>, <c>submissions/…</c>) with status PASS, FAIL, SKIPPED or EXTERNAL per metric.
/// </summary>
internal sealed class ExperimentRun
{
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly Dictionary<string, string> _provenance = new(StringComparer.Ordinal);
    private readonly List<TableReference> _tables = new();
    private readonly List<string> _submissions = new();
    private readonly RunDirectory _runDirectory;

    private ExperimentRun(string experiment, ExperimentVariant variant, ExpectedRow? row, SyntheticRowExpectations? syntheticRow, ReproSettings settings)
    {
        Experiment = experiment;
        Variant = variant;
        Row = row;
        SyntheticRow = syntheticRow;
        Settings = settings;
        _runDirectory = new RunDirectory(settings.Output);
    }

    public string Experiment { get; }
    public ExperimentVariant Variant { get; }

    /// <summary>The paper row, or null for the synthetic row.</summary>
    public ExpectedRow? Row { get; }

    /// <summary>An extra synthetic row (<c>synthetic.rows</c> of the variant), or null for the plain synthetic row and paper rows.</summary>
    public SyntheticRowExpectations? SyntheticRow { get; }
    public ReproSettings Settings { get; }
    public bool IsSynthetic => Row is null;
    public string RowId => Row?.Id ?? SyntheticRow?.Id ?? ExperimentRows.SyntheticRow;
    /// <summary>The id of this row's result in the run directory: <c>&lt;variant&gt;.&lt;row&gt;</c>.</summary>
    public string ResultId => $"{Variant.Id}.{RowId}";

    public static ExperimentRun Start(string experiment, string variantId, string rowId)
    {
        var settings = ReproSettings.FromEnvironment();
        var file = ExperimentRows.File(experiment);
        var variant = file.Variants.Single(v => v.Id == variantId);
        var syntheticRow = variant.Synthetic?.Rows.SingleOrDefault(r => r.Id == rowId);
        var row = rowId == ExperimentRows.SyntheticRow || syntheticRow is not null ? null : variant.Rows.Single(r => r.Id == rowId);
        var run = new ExperimentRun(experiment, variant, row, syntheticRow, settings);
        if (settings.Variant is not null && settings.Variant != variantId)
            Assert.Skip($"REPRO_VARIANT={settings.Variant} selects another variant");
        return run;
    }

    /// <summary>A pipeline setting as text, or <paramref name="fallback"/>: a paper row's own settings; for synthetic rows the
    /// extra row's settings, then the variant's <c>synthetic.settings</c>.</summary>
    public string Setting(string key, string fallback)
    {
        if (Row is not null) return Row.Setting(key, fallback);
        if (SyntheticRow?.Settings.TryGetValue(key, out var v) == true) return v;
        return Variant.Synthetic?.Settings.TryGetValue(key, out var s) == true ? s : fallback;
    }

    /// <summary>Records a provenance entry (predictor, checkpoint sha256, dataset fingerprint, settings, cache hits…).</summary>
    public void Note(string key, string value) => _provenance[key] = value;

    /// <summary>
    /// Stops the row when an input is missing: SKIPPED with the reason (paths and the command that prepares them),
    /// or — for paper rows under REPRO_REQUIRE_DATA=1 — a failure.
    /// </summary>
    public void Unavailable(string reason)
    {
        bool fail = Settings.RequireData && !IsSynthetic;
        Write(AllMetrics(fail ? MetricStatus.Fail : MetricStatus.Skipped, reason));
        if (fail) Assert.Fail($"REPRO_REQUIRE_DATA=1 and {reason}");
        Assert.Skip(reason);
    }

    /// <summary>Compares and records the measured metrics; fails the test on any metric outside its tolerance.</summary>
    public void Complete(IReadOnlyDictionary<string, double> measured)
    {
        var outcomes = Row is null ? SyntheticOutcomes(measured) : PaperOutcomes(Row.Metrics, measured);
        var failed = outcomes.Where(o => o.Status != MetricStatus.Pass).ToList();
        Write(outcomes);
        if (failed.Count > 0)
            Assert.Fail($"{Experiment}/{Variant.Id}/{RowId}: " + string.Join("; ", failed.Select(o =>
                $"{o.Name} measured {Fmt(o.Measured ?? double.NaN)} vs expected {o.Expected} ({o.Comparison}, tolerance {o.Tolerance}: {o.ToleranceRationale})")));
    }

    /// <summary>Hidden ground truth: the submission was written and validated; numbers come from the server.
    /// If the server's result (<c>server-results.yaml</c>: <c>metric: value</c> lines) is next to the submission,
    /// those numbers are asserted against the tolerances instead.</summary>
    public void CompleteExternal(string submissionPath, IReadOnlyList<string> problems)
    {
        _submissions.Add(Path.GetRelativePath(Settings.Output, submissionPath).Replace('\\', '/'));
        if (problems.Count > 0)
        {
            Write(AllMetrics(MetricStatus.Fail, $"submission {submissionPath} is incomplete or malformed: {problems[0]}"));
            Assert.Fail($"submission {submissionPath} is incomplete or malformed:\n" + string.Join("\n", problems));
        }
        string server = Path.Combine(Path.GetDirectoryName(submissionPath)!, "server-results.yaml");
        if (File.Exists(server))
        {
            Note("server_results", server);
            Complete(ReadServerResults(server));
            return;
        }
        Write(AllMetrics(MetricStatus.External,
            $"ground truth is hidden: upload {submissionPath} to {Variant.Evaluation}, then save the scores as {server} ('metric_name: value' lines) and re-run"));
    }

    /// <summary>Writes a per-item CSV (per query / per pair) through the run-artifact contract and lists it in the result.</summary>
    public void WriteTable(CsvTable table, IReadOnlyList<string> curveColumns, string rowKind = "query") =>
        _tables.Add(_runDirectory.WriteTable(Experiment, ResultId, table, curveColumns, rowKind));

    /// <summary>
    /// Progress of a long row: one timestamped line on standard error and in <c>progress.log</c> of the run directory
    /// (the test runner hides test output until a test ends; <c>tail -f &lt;run&gt;/progress.log</c> follows a GPU run).
    /// </summary>
    public void Progress(string message)
    {
        string line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {Experiment}/{ResultId} {message}");
        Console.Error.WriteLine(line);
        lock (ProgressLock)
        {
            Directory.CreateDirectory(Settings.Output);
            File.AppendAllText(Path.Combine(Settings.Output, "progress.log"), line + Environment.NewLine);
        }
    }

    private static readonly object ProgressLock = new();

    /// <summary>The row's per-item prediction cache (<see cref="ResultCache"/>) under <c>cache/</c>, keyed by the predictor
    /// identity (checkpoint sha256 or oracle), <paramref name="datasetFingerprint"/> and the pipeline's
    /// <paramref name="settings"/> text, reporting every computed item through <see cref="Progress"/>.</summary>
    public ResultCache OpenCache(string datasetFingerprint, string settings)
    {
        var cache = ResultCache.Open(ArtifactPath("cache"), new Dictionary<string, string>
        {
            ["predictor"] = ExperimentInputs.PredictorIdentity(this), ["dataset"] = datasetFingerprint, ["settings"] = settings,
        });
        cache.Progress = Progress;
        return cache;
    }

    /// <summary>A file or directory of this row under the run directory (e.g. <c>submissions</c>, <c>work</c>, <c>figures</c>).</summary>
    public string ArtifactPath(string area, string? file = null)
    {
        string dir = Path.Combine(Settings.Output, area, Experiment, ResultId);
        Directory.CreateDirectory(dir);
        return file is null ? dir : Path.Combine(dir, file);
    }

    private List<MetricResult> PaperOutcomes(IEnumerable<ExpectedMetric> metrics, IReadOnlyDictionary<string, double> measured) =>
        metrics.Select(m =>
        {
            double v = measured.TryGetValue(m.Name, out var x) ? x : double.NaN;
            double allowed = m.Tolerance.Allowed(m.Value);
            var comparison = !m.Bound ? ToleranceComparison.Within
                : m.Direction == "higher" ? ToleranceComparison.AtLeast : ToleranceComparison.AtMost;
            return PaperMetric(m, MetricResult.Judge(m.Value, allowed, v, comparison), null) with { Measured = Finite(v) };
        }).ToList();

    private MetricResult PaperMetric(ExpectedMetric m, MetricStatus status, string? reason) => new()
    {
        Name = m.Name,
        Unit = m.Unit,
        Direction = m.Direction == "higher" ? MetricDirection.Higher : MetricDirection.Lower,
        Expected = m.Value,
        Tolerance = m.Tolerance.Allowed(m.Value),
        Comparison = !m.Bound ? ToleranceComparison.Within : m.Direction == "higher" ? ToleranceComparison.AtLeast : ToleranceComparison.AtMost,
        ToleranceRationale = m.Bound ? $"bound chosen by this suite, not a paper number: {m.Tolerance.Rationale}" : m.Tolerance.Rationale,
        Status = status,
        Reason = reason,
        Table = Row!.Sources.Count == 0 ? "none (plausibility bound)" : string.Join("; ", Row.Sources.Select(src => src.Table)),
        Row = Row.Sources.Count == 0 ? Row.Label : string.Join("; ", Row.Sources.Select(src => $"{src.Table}: {string.Join(" | ", src.Row)}")),
    };

    private List<MetricResult> SyntheticOutcomes(IReadOnlyDictionary<string, double> measured) =>
        SyntheticMetrics().Select(m =>
        {
            double v = measured.TryGetValue(m.Name, out var x) ? x : double.NaN;
            var comparison = m.Direction == "higher" ? ToleranceComparison.AtLeast : ToleranceComparison.AtMost;
            return SyntheticMetric(m, MetricResult.Judge(m.Threshold, 0, v, comparison), null) with { Measured = Finite(v) };
        }).ToList();

    private static MetricResult SyntheticMetric(SyntheticMetric m, MetricStatus status, string? reason) => new()
    {
        Name = m.Name,
        Unit = m.Unit,
        Direction = m.Direction == "higher" ? MetricDirection.Higher : MetricDirection.Lower,
        Expected = m.Threshold,
        Tolerance = 0,
        Comparison = m.Direction == "higher" ? ToleranceComparison.AtLeast : ToleranceComparison.AtMost,
        ToleranceRationale = $"synthetic expectation (ground-truth oracle): {m.Rationale}",
        Status = status,
        Reason = reason,
    };

    private List<MetricResult> AllMetrics(MetricStatus status, string reason) => Row is null
        ? SyntheticMetrics().Select(m => SyntheticMetric(m, status, reason)).ToList()
        : Row.Metrics.Select(m => PaperMetric(m, status, reason)).ToList();

    private List<SyntheticMetric> SyntheticMetrics() => SyntheticRow?.Metrics ?? Variant.Synthetic?.Metrics ?? new();

    private static Dictionary<string, double> ReadServerResults(string path)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            var t = line.Split('#')[0].Trim();
            if (t.Length == 0) continue;
            int colon = t.IndexOf(':');
            if (colon < 0 || !double.TryParse(t[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new InvalidDataException($"{path}, line {n}: expected 'metric_name: value'");
            result[t[..colon].Trim()] = v;
        }
        return result;
    }

    private void Write(List<MetricResult> metrics)
    {
        string title = ExperimentRows.File(Experiment).Title;
        int order = ExperimentRows.File(Experiment).Variants.IndexOf(Variant) * 100 + (Row is null ? 0 : Variant.Rows.IndexOf(Row) + 1);
        _runDirectory.WriteVariant(Experiment, new VariantResult
        {
            Id = ResultId,
            Metrics = metrics,
            Tables = _tables,
            Submissions = _submissions,
            Seconds = (DateTime.UtcNow - _started).TotalSeconds,
            Note = string.Join("; ", new[] { Row?.Label ?? "embedded synthetic suite: ground-truth oracle instead of the network"
                    + (SyntheticRow is null ? "" : $" ({SyntheticRow.Label})") }
                .Concat(_provenance.Select(kv => $"{kv.Key}: {kv.Value}"))),
        }, title, order);
        _runDirectory.WriteProvenanceFragment(new ProvenanceFragment
        {
            ExperimentId = Experiment,
            ResultId = ResultId,
            Predictor = _provenance.GetValueOrDefault("predictor"),
            Checkpoint = _provenance.GetValueOrDefault("checkpoint"),
            CheckpointSha256 = _provenance.GetValueOrDefault("checkpoint_sha256"),
            Dataset = _provenance.GetValueOrDefault("dataset"),
            DatasetFingerprint = _provenance.GetValueOrDefault("dataset_fingerprint"),
            Seconds = (DateTime.UtcNow - _started).TotalSeconds,
        });
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
