using System.Text.RegularExpressions;
using FluentAssertions;
using Mast3r.Report;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Reporting;

[Trait("Category", "Unit")]
public sealed class HtmlReportTests
{
    [Fact]
    public void Report_is_self_contained_and_shows_expected_measured_status_curves_drilldown_and_provenance()
    {
        string artifacts = TestPaths.NewTempDir("mast3r-report");
        var run = SampleRun.Create(artifacts);
        Directory.CreateDirectory(Path.Combine(artifacts, "coverage"));
        File.WriteAllText(Path.Combine(artifacts, "coverage", "index.html"), "<html></html>");

        string html = HtmlReport.Render(run);

        html.Should().Contain("http-equiv=\"Content-Security-Policy\"").And.Contain("default-src 'none'");
        Regex.Matches(html, "(?:src|href)\\s*=\\s*\"(?!#)([^\"]*)\"").Select(m => m.Groups[1].Value)
            .Should().Equal(["../../coverage/index.html"], "the only non-anchor reference is the coverage link");
        html.Should().NotContain("<link").And.NotContain("@import");
        Regex.IsMatch(html, @"url\((?!#)").Should().BeFalse("url() may only point at fragments inside the page");
        var ids = Regex.Matches(html, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        ids.Should().OnlyHaveUniqueItems("inlined SVGs must not share clip-path ids");
        Regex.Matches(html, @"url\(#([^)]+)\)").Select(m => m.Groups[1].Value).Should().OnlyContain(id => ids.Contains(id));
        Regex.Matches(html, "<svg").Count.Should().Be(2, "one cumulative plot per curve column (t_err_m, r_err_deg) across both variants");
        System.Net.WebUtility.HtmlDecode(html).Should().Contain("91.37").And.Contain("91.5").And.Contain("± 1.5").And.Contain("-0.13")
            .And.Contain("0.4217").And.Contain("Table 4, MASt3R top40, night")
            .And.Contain("<span class=\"badge fail\">FAIL</span>").And.Contain("EXTERNAL").And.Contain("SKIPPED")
            .And.Contain("data/mapfree/val not found").And.Contain("ground-truth oracle")
            .And.Contain("<details><summary>aachen-night: per-query table tables/visloc/aachen-night.csv (60 rows)")
            .And.Contain("night/q059.jpg").And.Contain("failed=6").And.Contain("sha256:0123abcd");
    }

    [Fact]
    public void Missing_provenance_and_unreadable_tables_are_shown_not_hidden()
    {
        var run = SampleRun.Create(TestPaths.NewTempDir("mast3r-report"));
        File.Delete(run.ProvenancePath);
        File.Delete(run.Resolve("tables/visloc/aachen-day.csv"));

        string html = HtmlReport.Render(run);

        html.Should().Contain("provenance.json is missing").And.Contain("tables/visloc/aachen-day.csv of aachen-day could not be read")
            .And.Contain("No coverage report at");
    }

    [Fact]
    public void Report_command_writes_the_page_and_rejects_a_directory_without_results()
    {
        var run = SampleRun.Create(TestPaths.NewTempDir("mast3r-report"));
        string outFile = Path.Combine(TestPaths.NewTempDir("mast3r-report"), "r.html");

        Mast3r.Cli.CliApp.Run(["report", "--run", run.Path, "--out", outFile]).Should().Be(0);
        Mast3r.Cli.CliApp.Run(["report", "--run", TestPaths.NewTempDir("mast3r-report")]).Should().Be(2);

        File.ReadAllText(outFile).Should().StartWith("<!DOCTYPE html>").And.Contain("91.37");
    }
}
