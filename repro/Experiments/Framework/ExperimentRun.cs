using System.Globalization;
using System.Text;
using System.Text.Json;
using Mast3r.Reproduction;
using Xunit;

namespace Mast3r.Repro.Experiments.Framework;

/// <summary>
/// One theory row being executed: its YAML entry, output directory, skip/require-data policy, and the final
/// comparison of measured metrics with the paper (tolerances) or the synthetic expectations (thresholds). Writes
/// <c>&lt;REPRO_OUTPUT&gt;/experiments/&lt;experiment&gt;/&lt;variant&gt;/&lt;row&gt;/result.json</c> for the report,
/// with status PASS, FAIL, SKIPPED or EXTERNAL.
/// </summary>
internal sealed class ExperimentRun
{
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly Dictionary<string, string> _provenance = new(StringComparer.Ordinal);

    private ExperimentRun(string experiment, ExperimentVariant variant, ExpectedRow? row, ReproSettings settings)
    {
        Experiment = experiment;
        Variant = variant;
        Row = row;
        Settings = settings;
        Directory.CreateDirectory(OutputDir);
    }

    public string Experiment { get; }
    public ExperimentVariant Variant { get; }

    /// <summary>The paper row, or null for the synthetic row.</summary>
    public ExpectedRow? Row { get; }
    public ReproSettings Settings { get; }
    public bool IsSynthetic => Row is null;
    public string RowId => Row?.Id ?? ExperimentRows.SyntheticRow;
    public string OutputDir => Path.Combine(Settings.Output, "experiments", Experiment, Variant.Id, RowId);

    public static ExperimentRun Start(string experiment, string variantId, string rowId)
    {
        var settings = ReproSettings.FromEnvironment();
        var file = ExperimentRows.File(experiment);
        var variant = file.Variants.Single(v => v.Id == variantId);
        var row = rowId == ExperimentRows.SyntheticRow ? null : variant.Rows.Single(r => r.Id == rowId);
        var run = new ExperimentRun(experiment, variant, row, settings);
        if (settings.Variant is not null && settings.Variant != variantId)
            Assert.Skip($"REPRO_VARIANT={settings.Variant} selects another variant");
        return run;
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
        Write(fail ? "FAIL" : "SKIPPED", reason, new List<MetricOutcome>());
        if (fail) Assert.Fail($"REPRO_REQUIRE_DATA=1 and {reason}");
        Assert.Skip(reason);
    }

    /// <summary>Compares and records the measured metrics; fails the test on any metric outside its tolerance.</summary>
    public void Complete(IReadOnlyDictionary<string, double> measured)
    {
        var outcomes = Row is null ? SyntheticOutcomes(measured) : PaperOutcomes(Row.Metrics, measured);
        var failed = outcomes.Where(o => o.Status != "PASS").ToList();
        Write(failed.Count == 0 ? "PASS" : "FAIL", null, outcomes);
        if (failed.Count > 0)
            Assert.Fail($"{Experiment}/{Variant.Id}/{RowId}: " + string.Join("; ", failed.Select(o =>
                $"{o.Name} measured {Fmt(o.Measured)} vs expected {o.Expected} ({o.Criterion})")));
    }

    /// <summary>Hidden ground truth: the submission was written and validated; numbers come from the server.
    /// If the server's result (<c>server-results.yaml</c>: <c>metric: value</c> lines) is next to the submission,
    /// those numbers are asserted against the tolerances instead.</summary>
    public void CompleteExternal(string submissionPath, IReadOnlyList<string> problems)
    {
        Note("submission", submissionPath);
        if (problems.Count > 0)
        {
            Write("FAIL", "malformed submission", new List<MetricOutcome>());
            Assert.Fail($"submission {submissionPath} is incomplete or malformed:\n" + string.Join("\n", problems));
        }
        string server = Path.Combine(Path.GetDirectoryName(submissionPath)!, "server-results.yaml");
        if (File.Exists(server))
        {
            Note("server_results", server);
            Complete(ReadServerResults(server));
            return;
        }
        Write("EXTERNAL", $"ground truth is hidden: upload {submissionPath} to {Variant.Evaluation}, then save the scores as {server} and re-run",
            Row!.Metrics.Select(m => new MetricOutcome(m.Name, m.Value, double.NaN, m.Unit, "EXTERNAL", Criterion(m))).ToList());
    }

    /// <summary>Writes a per-item CSV (per query / per pair) next to result.json.</summary>
    public void WriteCsv(string name, IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        var sb = new StringBuilder().AppendLine(string.Join(',', header));
        foreach (var r in rows)
            sb.AppendLine(string.Join(',', r.Select(v => v switch
            {
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                null => "",
                _ => Convert.ToString(v, CultureInfo.InvariantCulture)!.Replace(',', ';'),
            })));
        File.WriteAllText(Path.Combine(OutputDir, name), sb.ToString());
    }

    internal sealed record MetricOutcome(string Name, double Expected, double Measured, string Unit, string Status, string Criterion);

    private List<MetricOutcome> PaperOutcomes(IEnumerable<ExpectedMetric> metrics, IReadOnlyDictionary<string, double> measured) =>
        metrics.Select(m =>
        {
            double v = measured.TryGetValue(m.Name, out var x) ? x : double.NaN;
            double allowed = m.Tolerance.Allowed(m.Value);
            bool ok = m.Bound
                ? (m.Direction == "higher" ? v >= m.Value - allowed : v <= m.Value + allowed)
                : Math.Abs(v - m.Value) <= allowed + 1e-12;
            return new MetricOutcome(m.Name, m.Value, v, m.Unit, ok ? "PASS" : "FAIL", Criterion(m));
        }).ToList();

    private List<MetricOutcome> SyntheticOutcomes(IReadOnlyDictionary<string, double> measured) =>
        (Variant.Synthetic?.Metrics ?? new()).Select(m =>
        {
            double v = measured.TryGetValue(m.Name, out var x) ? x : double.NaN;
            return new MetricOutcome(m.Name, m.Threshold, v, m.Unit, m.IsMet(v) ? "PASS" : "FAIL",
                $"{(m.Direction == "higher" ? "≥" : "≤")} {m.Threshold} {m.Unit}: {m.Rationale}");
        }).ToList();

    private static string Criterion(ExpectedMetric m) => m.Bound
        ? $"{(m.Direction == "higher" ? "≥" : "≤")} {m.Value} {m.Unit} (bound chosen by this suite): {m.Tolerance.Rationale}"
        : $"± {m.Tolerance.Allowed(m.Value).ToString("G4", CultureInfo.InvariantCulture)} {m.Unit}: {m.Tolerance.Rationale}";

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

    private void Write(string status, string? reason, List<MetricOutcome> metrics)
    {
        var doc = new
        {
            experiment = Experiment,
            variant = Variant.Id,
            row = RowId,
            label = Row?.Label ?? "embedded synthetic suite (ground-truth oracle instead of the network)",
            kind = IsSynthetic ? "synthetic" : "paper",
            ground_truth = Variant.GroundTruth,
            sources = Row?.Sources.Select(s => $"{s.Table}: {string.Join(" | ", s.Row)}").ToList() ?? new List<string>(),
            status,
            reason,
            metrics = metrics.Select(m => new { name = m.Name, expected = m.Expected, measured = double.IsFinite(m.Measured) ? m.Measured : (double?)null, unit = m.Unit, status = m.Status, criterion = m.Criterion }),
            provenance = _provenance,
            started_utc = _started.ToString("O", CultureInfo.InvariantCulture),
            wall_seconds = (DateTime.UtcNow - _started).TotalSeconds,
        };
        File.WriteAllText(Path.Combine(OutputDir, "result.json"), JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
