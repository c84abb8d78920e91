using System.Globalization;
using System.Text;

namespace Mast3r.Reporting;

/// <summary>
/// The headline of a run as Markdown (<c>summary.md</c>, also appended to a CI job summary): one row per metric with
/// expected ± tolerance, measured value and status, then the status counts.
/// </summary>
internal static class RunSummary
{
    public static string Markdown(RunResults results, Provenance? provenance)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"## MASt3R reproduction — run `{results.RunId}`: **{Label(results.Status)}**");
        sb.AppendLine();
        if (provenance != null)
            sb.AppendLine($"Predictor: {Escape(provenance.Predictor)} · device {provenance.Device} · dtype {provenance.Dtype} · commit `{Short(provenance.GitCommit)}`").AppendLine();
        sb.AppendLine("| experiment | variant | metric | expected | measured | status | note |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var e in results.Experiments)
            foreach (var v in e.Variants)
                foreach (var m in v.Metrics)
                    sb.AppendLine($"| {e.Id} | {v.Id} | {Escape(m.Name)} | {Expected(m)} | {Number(m.Measured)} {m.Unit} | {Label(m.Status)} | {Escape(m.Reason ?? "")} |");
        sb.AppendLine();
        var counts = results.Experiments.SelectMany(e => e.Variants).SelectMany(v => v.Metrics)
            .GroupBy(m => m.Status).OrderBy(g => g.Key).Select(g => $"{Label(g.Key)}: {g.Count()}");
        sb.AppendLine(string.Join(" · ", counts));
        return sb.ToString();
    }

    public static int FailCount(RunResults results) =>
        results.Experiments.SelectMany(e => e.Variants).SelectMany(v => v.Metrics).Count(m => m.Status == MetricStatus.Fail);

    internal static string Label(MetricStatus s) => s switch
    {
        MetricStatus.Pass => "PASS",
        MetricStatus.Fail => "FAIL",
        MetricStatus.Skipped => "SKIPPED",
        _ => "EXTERNAL",
    };

    private static string Expected(MetricResult m)
    {
        if (m.Expected is not { } e) return "—";
        double t = m.Tolerance ?? 0;
        string bound = m.Comparison switch
        {
            ToleranceComparison.AtLeast => "≥ " + Number(e - t),
            ToleranceComparison.AtMost => "≤ " + Number(e + t),
            _ => m.Tolerance is null ? Number(e) : $"{Number(e)} ± {Number(t)}",
        };
        return $"{bound} {m.Unit}".Trim();
    }

    private static string Number(double? v) => v is null ? "—" : v.Value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
