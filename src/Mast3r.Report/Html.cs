using System.Globalization;
using System.Net;
using Mast3r.Reporting;

namespace Mast3r.Report;

/// <summary>Encoding and formatting shared by the report sections.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Numbers as in the paper tables: up to 4 decimals, invariant culture, "—" when absent.</summary>
    public static string Num(double? value) => value switch
    {
        null => "—",
        double v when double.IsNaN(v) => "NaN",
        double v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    public static string StatusText(MetricStatus status) => status.ToString().ToUpperInvariant();

    public static string Badge(MetricStatus status) =>
        $"<span class=\"badge {StatusText(status).ToLowerInvariant()}\">{StatusText(status)}</span>";

    public static string Id(params string[] parts) =>
        string.Join("-", parts.Select(p => new string(p.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray())));

    public static string Tolerance(MetricResult m) => m.Tolerance is not { } t ? "—" : m.Comparison switch
    {
        ToleranceComparison.AtLeast => $"≥ expected − {Num(t)}",
        ToleranceComparison.AtMost => $"≤ expected + {Num(t)}",
        _ => $"± {Num(t)}",
    };
}
