using System.Text;
using Mast3r.Reporting;

namespace Mast3r.Report;

/// <summary>One row per experiment: verdict and how many metrics ended in each status.</summary>
internal static class HeadlineSection
{
    public static string Render(RunResults results)
    {
        var sb = new StringBuilder("<h2 id=\"summary\">Experiments</h2>\n<table class=\"headline\">\n<tr><th>experiment</th><th>variants</th><th>status</th>");
        foreach (var s in Enum.GetValues<MetricStatus>()) sb.Append($"<th>{Html.StatusText(s)}</th>");
        sb.Append("</tr>\n");
        if (results.Experiments.Count == 0)
            sb.Append("<tr><td colspan=\"7\">This run recorded no experiment.</td></tr>\n");
        foreach (var e in results.Experiments)
        {
            var metrics = e.Variants.SelectMany(v => v.Metrics).ToList();
            sb.Append($"<tr><td><a href=\"#{Html.Id("exp", e.Id)}\">{Html.E(e.Id)}</a>{(e.Title == null ? "" : " — " + Html.E(e.Title))}</td>");
            sb.Append($"<td>{Html.E(string.Join(", ", e.Variants.Select(v => v.Id)))}</td><td>{Html.Badge(e.Status)}</td>");
            foreach (var s in Enum.GetValues<MetricStatus>()) sb.Append($"<td class=\"num\">{metrics.Count(m => m.Status == s)}</td>");
            sb.Append("</tr>\n");
        }
        return sb.Append("</table>\n").ToString();
    }
}
