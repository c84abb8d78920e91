using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Mast3r.Report;
using Mast3r.Tests.TestSupport;
using OpenCvSharp;
using Xunit;

namespace Mast3r.Tests.Reporting;

/// <summary>Renders the report in headless Chromium: the page must run clean under its own CSP and show the numbers.</summary>
[Trait("Category", "Integration")]
public sealed class ReportBrowserTests
{
    private static string RequireChromium()
    {
        string? exe = HeadlessChromium.Find();
        if (exe != null) return exe;
        const string why = "chromium not found on PATH (Debian: apt-get install -y --no-install-recommends chromium)";
        if (HeadlessChromium.Required) Assert.Fail(why + "; required because CI=true or REPRO_REQUIRE_DATA=1.");
        Assert.Skip(why + ".");
        return "";
    }

    [Fact]
    public async Task Report_renders_in_headless_chromium_without_errors_and_shows_the_table_values()
    {
        string exe = RequireChromium();
        var run = SampleRun.Create(TestPaths.NewTempDir("mast3r-browser"));
        string page = HtmlReport.Write(run);

        string dom = await HeadlessChromium.RunAsync(exe, page, "--dump-dom");

        var html = Regex.Match(dom, "<html[^>]*>");
        html.Success.Should().BeTrue("chromium should dump the DOM; got: " + dom[..Math.Min(300, dom.Length)]);
        html.Value.Should().Contain("data-report-loaded=\"1\"", "the inline script must be allowed by the CSP hash and the load event must fire");
        Regex.Match(html.Value, "data-report-errors=\"([^\"]*)\"").Groups[1].Value.Should().BeEmpty("no script error and no CSP violation may occur");
        string text = WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(dom, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline), "<[^>]+>", " "));
        text.Should().Contain(SampleRun.AachenDayMeasured.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .And.Contain("91.5").And.Contain("± 1.5").And.Contain("71.05").And.Contain("82.2")
            .And.Contain(SampleRun.MapfreeMeasured.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .And.Contain("FAIL").And.Contain("EXTERNAL").And.Contain("SKIPPED").And.Contain("ground-truth oracle");
        Regex.Matches(dom, "<svg").Count.Should().Be(2);
    }

    [Fact]
    public async Task Report_screenshot_is_a_non_empty_non_blank_image()
    {
        string exe = RequireChromium();
        var run = SampleRun.Create(TestPaths.NewTempDir("mast3r-browser"));
        string page = HtmlReport.Write(run);
        string png = Path.Combine(run.Path, "report.png");

        await HeadlessChromium.RunAsync(exe, page, $"--screenshot={png}", "--window-size=1280,2400");

        new FileInfo(png).Length.Should().BeGreaterThan(10_000);
        using var image = Cv2.ImRead(png, ImreadModes.Grayscale);
        image.Width.Should().Be(1280);
        Cv2.MeanStdDev(image, out _, out var stddev);
        stddev.Val0.Should().BeGreaterThan(5, "a rendered page has text, tables and plots, not one flat colour");
    }
}
