using System.Text.RegularExpressions;
using ScottPlot;

namespace Mast3r.Plots;

/// <summary>
/// Cumulative error curves (fraction of queries with error ≤ x) as inline SVG, the standard way localization and
/// pose papers show per-query error distributions. Failed items (NaN/∞) stay in the denominator, so a curve that
/// never reaches 100 % shows how many failed.
/// </summary>
public static partial class CumulativeErrorPlot
{
    /// <summary>Font for all text: installed with every Debian/Ubuntu image and pinned so SVGs do not vary by host.</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>Most points drawn per curve; beyond it the curve is drawn through evenly spaced ranks (keeps SVGs small).</summary>
    public const int MaxPoints = 2000;

    /// <summary>
    /// Points of the curve: sorted finite errors x and y = 100·(rank / total count), thinned to at most
    /// <paramref name="maxPoints"/> evenly spaced ranks (always keeping the last). Empty when nothing is finite.
    /// </summary>
    public static (double[] X, double[] Y) Points(IReadOnlyList<double> errors, int maxPoints = MaxPoints)
    {
        var finite = errors.Where(double.IsFinite).Order().ToArray();
        int n = Math.Min(finite.Length, Math.Max(2, maxPoints));
        var x = new double[n];
        var y = new double[n];
        for (int k = 0; k < n; k++)
        {
            int rank = n == finite.Length ? k : (int)Math.Round((double)k * (finite.Length - 1) / (n - 1));
            x[k] = finite[rank];
            y[k] = 100.0 * (rank + 1) / errors.Count;
        }
        return (x, y);
    }

    /// <summary>
    /// An SVG document (no XML declaration, ready to inline in HTML) with one step curve per series. Its internal
    /// ids (clip paths) are prefixed with <paramref name="idPrefix"/>: Skia names them the same in every plot, and
    /// several plots inlined in one page must not resolve each other's <c>url(#id)</c>.
    /// </summary>
    public static string Svg(string title, string xLabel, IReadOnlyList<CurveSeries> series, string idPrefix = "plot", int width = 640, int height = 360)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("items with error ≤ x (%)");
        double xMax = 0;
        foreach (var s in series)
        {
            var (x, y) = Points(s.Errors);
            if (x.Length == 0) continue;
            // Start at (0, 0) so the first step is drawn from the axis.
            var scatter = plot.Add.Scatter(x.Prepend(0).ToArray(), y.Prepend(0).ToArray());
            scatter.ConnectStyle = ConnectStyle.StepHorizontal;
            scatter.MarkerSize = 0;
            scatter.LineWidth = 2;
            scatter.LegendText = s.Label;
            xMax = Math.Max(xMax, x[^1]);
        }
        plot.Axes.SetLimits(0, xMax > 0 ? xMax * 1.02 : 1, 0, 101);
        if (series.Count > 1) plot.ShowLegend(Alignment.LowerRight);
        string svg = XmlDeclaration().Replace(plot.GetSvgXml(width, height), "").Trim();
        return IdReference().Replace(svg, m => $"{m.Groups[1].Value}{idPrefix}-{m.Groups[2].Value}");
    }

    [GeneratedRegex(@"(\bid=""|url\(#|href=""#)([^""\)]+)")]
    private static partial Regex IdReference();

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();
}
