using System.Text;
using Mast3r.Reporting;

namespace Mast3r.Report;

/// <summary>Everything provenance.json says, so a number on the page can be traced to code, weights, data and machine.</summary>
internal static class ProvenanceSection
{
    public static string Render(Provenance? p)
    {
        var sb = new StringBuilder("<h2 id=\"provenance\">Provenance</h2>\n");
        if (p == null) return sb.Append("<p>provenance.json is missing.</p>\n").ToString();
        sb.Append("<dl class=\"prov\">\n");
        void Row(string key, string? value) { if (!string.IsNullOrEmpty(value)) sb.Append($"<dt>{Html.E(key)}</dt><dd>{Html.E(value)}</dd>\n"); }
        Row("predictor", p.Predictor);
        Row("git commit", p.GitCommit + (p.GitDirty == true ? " (uncommitted changes)" : ""));
        Row("command line", p.CommandLine);
        Row("started (UTC)", p.StartedUtc?.ToString("u"));
        Row("finished (UTC)", p.FinishedUtc?.ToString("u"));
        Row("machine", p.Machine);
        Row("OS", p.Os);
        Row("CPU", p.Cpu);
        Row("GPU", p.Gpu ?? "none");
        Row("device", p.Device);
        Row("dtype", p.Dtype);
        Row("seed", p.Seed?.ToString());
        Row(".NET", p.DotnetVersion);
        Row("TorchSharp", p.TorchSharpVersion);
        Row("libtorch", p.LibTorchVersion);
        foreach (var (k, v) in p.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Row($"setting {k}", v);
        sb.Append("</dl>\n");

        sb.Append("<h3>Checkpoints</h3>\n");
        sb.Append(p.Checkpoints.Count == 0 ? "<p>None (no network weights were used).</p>\n"
            : Table(["name", "sha256", "path"], p.Checkpoints.Select(c => new[] { c.Name, c.Sha256, c.Path })));
        sb.Append("<h3>Datasets</h3>\n");
        sb.Append(p.Datasets.Count == 0 ? "<p>None recorded.</p>\n"
            : Table(["name", "fingerprint", "root"], p.Datasets.Select(d => new[] { d.Name, d.Fingerprint, d.Root })));
        sb.Append("<h3>Timings</h3>\n");
        sb.Append(p.Timings.Count == 0 ? "<p>None recorded.</p>\n"
            : Table(["stage", "seconds"], p.Timings.Select(t => new[] { t.Stage, Html.Num(t.Seconds) })));
        return sb.ToString();
    }

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder("<table>\n<tr>");
        foreach (var h in header) sb.Append($"<th>{Html.E(h)}</th>");
        sb.Append("</tr>\n");
        foreach (var row in rows) sb.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{Html.E(c)}</td>")).Append("</tr>\n");
        return sb.Append("</table>\n").ToString();
    }
}
