using FluentAssertions;
using Mast3r.Cli;
using Mast3r.Reporting;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Cli;

[Trait("Category", "Unit")]
public class ResultsCommandTests
{
    private static MetricResult Metric(string name, MetricStatus status, double? measured) => new()
    {
        Name = name, Unit = "%", Expected = 80, Tolerance = 2, Measured = measured, Status = status, Table = "Table 4", Row = "MASt3R top20",
    };

    private static int Run(string dir) => CliApp.Run(new[] { "results", "--run", dir });

    [Fact]
    public void Assembles_results_provenance_and_summary_and_passes_without_failures()
    {
        var run = new RunDirectory(Path.Combine(TestPaths.NewTempDir(), "run-a"));
        run.WriteVariant("visloc", new VariantResult { Id = "aachen-day", Metrics = [Metric("(0.25m,2°)", MetricStatus.Pass, 80.5)] });
        run.WriteVariant("visloc", new VariantResult { Id = "inloc-duc1", Metrics = [Metric("(0.25m,10°)", MetricStatus.Skipped, null)] }, order: 1);

        Run(run.Path).Should().Be(0);

        var results = run.ReadResults();
        results.Experiments.Should().ContainSingle().Which.Variants.Select(v => v.Id).Should().Equal("aachen-day", "inloc-duc1");
        var provenance = run.ReadProvenance();
        provenance.RunId.Should().Be("run-a");
        provenance.FinishedUtc.Should().NotBeNull();
        string summary = File.ReadAllText(Path.Combine(run.Path, "summary.md"));
        summary.Should().Contain("| visloc | aachen-day | (0.25m,2°) | 80 ± 2 % | 80.5 % | PASS |").And.Contain("SKIPPED: 1");
    }

    [Fact]
    public void Exits_1_when_any_metric_failed()
    {
        var run = new RunDirectory(Path.Combine(TestPaths.NewTempDir(), "run-b"));
        run.WriteVariant("mapfree", new VariantResult { Id = "val", Metrics = [Metric("VCRE AUC", MetricStatus.Fail, 50)] });
        Run(run.Path).Should().Be(1);
        File.ReadAllText(Path.Combine(run.Path, "summary.md")).Should().Contain("FAIL");
    }

    [Fact]
    public void One_sided_thresholds_are_shown_as_bounds()
    {
        var run = new RunDirectory(Path.Combine(TestPaths.NewTempDir(), "run-c"));
        run.WriteVariant("visloc", new VariantResult
        {
            Id = "aachen-day.synthetic",
            Metrics = [new MetricResult { Name = "pct", Unit = "%", Expected = 99, Tolerance = 0, Comparison = ToleranceComparison.AtLeast, Measured = 100, Status = MetricStatus.Pass }],
        });
        Run(run.Path).Should().Be(0);
        File.ReadAllText(Path.Combine(run.Path, "summary.md")).Should().Contain("| ≥ 99 % | 100 % | PASS |");
    }

    [Fact]
    public void Missing_run_directory_is_a_usage_error()
    {
        Run(Path.Combine(TestPaths.NewTempDir(), "nope")).Should().Be(2);
    }
}
