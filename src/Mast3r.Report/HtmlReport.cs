using System.Text;
using Mast3r.Reporting;

namespace Mast3r.Report;

/// <summary>
/// Renders one run directory (<see cref="RunDirectory"/>: results.json, provenance.json, CSVs) into a single
/// self-contained HTML page: inline CSS and SVG, a CSP forbidding network loads, no external files except a
/// plain link to the coverage report. The page shows only what the JSON/CSV files say; it computes nothing
/// but differences, counts and the cumulative curves.
/// </summary>
public static class HtmlReport
{
    /// <summary>Rows of a per-query table shown in the drill-down before it is cut (the CSV has them all).</summary>
    public const int MaxDrillDownRows = 1000;

    /// <summary>Renders the report page for <paramref name="run"/>.</summary>
    /// <param name="run">The run directory; <c>results.json</c> must exist.</param>
    /// <param name="coverageIndex">Coverage report to link; default <c>&lt;artifacts&gt;/coverage/index.html</c> next to <c>repro/</c>.</param>
    /// <param name="reportPath">Where the page will be written (for relative links); default the run's <c>report.html</c>.</param>
    public static string Render(RunDirectory run, string? coverageIndex = null, string? reportPath = null)
    {
        var results = run.ReadResults();
        Provenance? provenance = File.Exists(run.ProvenancePath) ? run.ReadProvenance() : null;
        reportPath = Path.GetFullPath(reportPath ?? run.ReportPath);
        coverageIndex ??= Path.Combine(run.Path, "..", "..", "coverage", "index.html");

        var body = new StringBuilder();
        body.Append($"<h1>MASt3R reproduction — run {Html.E(results.RunId)} {Html.Badge(results.Status)}</h1>\n");
        body.Append($"<p class=\"sub\">Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC from results.json, provenance.json and the per-query CSVs of {Html.E(run.Path)}.</p>\n");
        if (provenance == null)
            body.Append("<div class=\"banner\"><strong>provenance.json is missing:</strong> these numbers cannot be attributed to a commit, checkpoint or dataset.</div>\n");
        else if (provenance.Predictor.Contains("oracle", StringComparison.OrdinalIgnoreCase))
            body.Append($"<div class=\"banner oracle\"><strong>Predictor: {Html.E(provenance.Predictor)}.</strong> The network was replaced by exact " +
                        "pointmaps and descriptors derived from the synthetic scenes; these numbers test the pipeline, not the model.</div>\n");
        body.Append(HeadlineSection.Render(results));
        foreach (var experiment in results.Experiments) body.Append(ExperimentSection.Render(run, experiment));
        body.Append(ProvenanceSection.Render(provenance));
        body.Append(CoverageLink(coverageIndex, reportPath));
        body.Append("<footer>Statuses: PASS within tolerance · FAIL outside it · SKIPPED not measured (reason given) · EXTERNAL hidden ground truth, scored by the benchmark server.</footer>\n");
        return PageShell.Wrap($"MASt3R reproduction {results.RunId}", body.ToString());
    }

    /// <summary>Renders and writes the page (UTF-8); returns the path written.</summary>
    public static string Write(RunDirectory run, string? outPath = null, string? coverageIndex = null)
    {
        string path = Path.GetFullPath(outPath ?? run.ReportPath);
        string html = Render(run, coverageIndex, path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, html, new UTF8Encoding(false));
        return path;
    }

    private static string CoverageLink(string coverageIndex, string reportPath)
    {
        string full = Path.GetFullPath(coverageIndex);
        if (!File.Exists(full))
            return $"<h2 id=\"coverage\">Coverage</h2>\n<p>No coverage report at {Html.E(full)}.</p>\n";
        string relative = Path.GetRelativePath(Path.GetDirectoryName(reportPath)!, full).Replace('\\', '/');
        return $"<h2 id=\"coverage\">Coverage</h2>\n<p><a href=\"{Html.E(relative)}\">Code coverage report</a> ({Html.E(full)}).</p>\n";
    }
}
