using System.Text;
using Mast3r.Plots;
using Mast3r.Reporting;

namespace Mast3r.Report;

/// <summary>
/// One experiment: per variant the metrics (expected vs measured with tolerance, verdict, reason, table/row),
/// one cumulative error plot per curve column across variants, and the per-query tables in &lt;details&gt;.
/// </summary>
internal static class ExperimentSection
{
    public static string Render(RunDirectory run, ExperimentResult experiment)
    {
        var sb = new StringBuilder();
        sb.Append($"<h2 id=\"{Html.Id("exp", experiment.Id)}\">{Html.E(experiment.Id)}{(experiment.Title == null ? "" : " — " + Html.E(experiment.Title))} {Html.Badge(experiment.Status)}</h2>\n");
        var tables = LoadTables(run, experiment, sb);
        foreach (var variant in experiment.Variants) sb.Append(VariantMetrics(experiment, variant));
        sb.Append(Curves(experiment, tables));
        foreach (var (variant, reference, table) in tables) sb.Append(DrillDown(variant, reference, table));
        return sb.ToString();
    }

    private static List<(VariantResult Variant, TableReference Reference, CsvTable Table)> LoadTables(RunDirectory run, ExperimentResult experiment, StringBuilder warnings)
    {
        var loaded = new List<(VariantResult, TableReference, CsvTable)>();
        foreach (var variant in experiment.Variants)
            foreach (var reference in variant.Tables)
            {
                try
                {
                    loaded.Add((variant, reference, CsvTable.Read(run.Resolve(reference.Path))));
                }
                catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
                {
                    warnings.Append($"<div class=\"banner\">Table {Html.E(reference.Path)} of {Html.E(variant.Id)} could not be read: {Html.E(e.Message)}</div>\n");
                }
            }
        return loaded;
    }

    private static string VariantMetrics(ExperimentResult experiment, VariantResult variant)
    {
        var sb = new StringBuilder($"<h3 id=\"{Html.Id("var", experiment.Id, variant.Id)}\">{Html.E(experiment.Id)} / {Html.E(variant.Id)} {Html.Badge(variant.Status)}");
        if (variant.Seconds is { } s) sb.Append($" <span class=\"reason\">{Html.Num(s)} s</span>");
        sb.Append("</h3>\n");
        if (variant.Note != null) sb.Append($"<p>{Html.E(variant.Note)}</p>\n");
        sb.Append("<table class=\"metrics\">\n<tr><th>metric</th><th>unit</th><th>better</th><th>expected</th><th>tolerance</th><th>measured</th><th>Δ</th><th>status</th><th>source</th><th>reason</th></tr>\n");
        foreach (var m in variant.Metrics)
        {
            double? delta = m.Measured is { } meas && m.Expected is { } exp ? meas - exp : null;
            string source = string.Join(", ", new[] { m.Table, m.Row }.Where(x => !string.IsNullOrEmpty(x)));
            sb.Append($"<tr><td>{Html.E(m.Name)}</td><td>{Html.E(m.Unit)}</td><td>{(m.Direction == MetricDirection.Higher ? "↑" : "↓")}</td>");
            sb.Append($"<td class=\"num\">{Html.Num(m.Expected)}</td><td class=\"num\">{Html.E(Html.Tolerance(m))}</td>");
            sb.Append($"<td class=\"num\">{Html.Num(m.Measured)}</td><td class=\"num\">{(delta is { } d ? (d >= 0 ? "+" : "") + Html.Num(d) : "—")}</td>");
            sb.Append($"<td>{Html.Badge(m.Status)}</td><td>{Html.E(source.Length == 0 ? "synthetic expectation" : source)}</td>");
            sb.Append($"<td class=\"reason\">{Html.E(m.Reason)}{(m.ToleranceRationale == null ? "" : $"<br>tolerance: {Html.E(m.ToleranceRationale)}")}</td></tr>\n");
        }
        if (variant.Metrics.Count == 0) sb.Append("<tr><td colspan=\"10\">No metric recorded.</td></tr>\n");
        sb.Append("</table>\n");
        if (variant.Submissions.Count > 0)
            sb.Append($"<p>Benchmark submission(s) to upload: {string.Join(", ", variant.Submissions.Select(f => $"<code>{Html.E(f)}</code>"))}</p>\n");
        return sb.ToString();
    }

    private static string Curves(ExperimentResult experiment, List<(VariantResult Variant, TableReference Reference, CsvTable Table)> tables)
    {
        var columns = tables.SelectMany(t => t.Reference.CurveColumns).Distinct(StringComparer.Ordinal).ToList();
        if (columns.Count == 0) return "";
        var sb = new StringBuilder($"<h3>Cumulative error curves</h3>\n<div class=\"plots\">\n");
        foreach (var column in columns)
        {
            var series = tables.Where(t => t.Reference.CurveColumns.Contains(column))
                .Select(t => new CurveSeries(t.Variant.Id, t.Table.Numbers(column)))
                .ToList();
            string id = Html.Id("curve", experiment.Id, column);
            sb.Append($"<figure id=\"{id}\">");
            sb.Append(CumulativeErrorPlot.Svg($"{experiment.Id}: {column}", column, series, idPrefix: id));
            sb.Append($"<figcaption>{Html.E(column)}: {string.Join("; ", series.Select(s => $"{s.Label} n={s.Errors.Count}, failed={s.Errors.Count(e => !double.IsFinite(e))}"))}</figcaption></figure>\n");
        }
        return sb.Append("</div>\n").ToString();
    }

    private static string DrillDown(VariantResult variant, TableReference reference, CsvTable table)
    {
        var sb = new StringBuilder($"<details><summary>{Html.E(variant.Id)}: per-{Html.E(reference.RowKind)} table {Html.E(reference.Path)} ({table.Rows.Count} rows)</summary>\n");
        sb.Append("<table class=\"drill\">\n<tr>").AppendJoin("", table.Columns.Select(c => $"<th>{Html.E(c)}</th>")).Append("</tr>\n");
        foreach (var row in table.Rows.Take(HtmlReport.MaxDrillDownRows))
            sb.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{Html.E(c)}</td>")).Append("</tr>\n");
        sb.Append("</table>\n");
        if (table.Rows.Count > HtmlReport.MaxDrillDownRows)
            sb.Append($"<p class=\"reason\">First {HtmlReport.MaxDrillDownRows} of {table.Rows.Count} rows; the CSV has them all.</p>\n");
        return sb.Append("</details>\n").ToString();
    }
}
