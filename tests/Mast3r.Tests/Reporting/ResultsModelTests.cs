using FluentAssertions;
using Mast3r.Reporting;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Reporting;

[Trait("Category", "Unit")]
public sealed class ResultsModelTests
{
    private static VariantResult Variant(string id, params MetricStatus[] statuses) => new()
    {
        Id = id,
        Metrics = statuses.Select((s, i) => new MetricResult
        {
            Name = $"m{i}", Unit = "%", Expected = 50, Tolerance = 1, Measured = s == MetricStatus.Pass ? 50.5 : null,
            Status = s, Table = "Table 4", Row = "MASt3R",
        }).ToList(),
    };

    [Fact]
    public void Results_json_is_snake_case_with_upper_case_statuses_and_round_trips()
    {
        var results = new RunResults
        {
            RunId = "r1",
            Experiments = [new ExperimentResult { Id = "visloc", Variants = [Variant("aachen-day", MetricStatus.Pass, MetricStatus.External)] }],
        };

        string json = ReproJson.Serialize(results);

        json.Should().Contain("\"run_id\": \"r1\"").And.Contain("\"schema_version\": 1")
            .And.Contain("\"status\": \"PASS\"").And.Contain("\"status\": \"EXTERNAL\"")
            .And.Contain("\"direction\": \"higher\"").And.Contain("\"comparison\": \"within\"")
            .And.NotContain("\"measured\": null");
        string dir = TestPaths.NewTempDir();
        ReproJson.Write(Path.Combine(dir, "results.json"), results);
        var back = ReproJson.Read<RunResults>(Path.Combine(dir, "results.json"));
        ReproJson.Serialize(back).Should().Be(json);
        back.Status.Should().Be(MetricStatus.External);
    }

    [Theory]
    [InlineData(50.0, 1.0, 50.9, ToleranceComparison.Within, MetricStatus.Pass)]
    [InlineData(50.0, 1.0, 48.9, ToleranceComparison.Within, MetricStatus.Fail)]
    [InlineData(50.0, 1.0, 51.1, ToleranceComparison.Within, MetricStatus.Fail)]
    [InlineData(99.0, 0.0, 100.0, ToleranceComparison.AtLeast, MetricStatus.Pass)]
    [InlineData(99.0, 0.0, 98.9, ToleranceComparison.AtLeast, MetricStatus.Fail)]
    [InlineData(0.25, 0.0, 0.3, ToleranceComparison.AtMost, MetricStatus.Fail)]
    [InlineData(50.0, 1.0, double.NaN, ToleranceComparison.Within, MetricStatus.Fail)]
    public void Judge_applies_the_comparison_to_expected_plus_minus_tolerance(double expected, double tol, double measured, ToleranceComparison cmp, MetricStatus want) =>
        MetricResult.Judge(expected, tol, measured, cmp).Should().Be(want);

    [Theory]
    [InlineData(new MetricStatus[0], MetricStatus.Skipped)]
    [InlineData(new[] { MetricStatus.Pass, MetricStatus.Pass }, MetricStatus.Pass)]
    [InlineData(new[] { MetricStatus.Pass, MetricStatus.Skipped }, MetricStatus.Skipped)]
    [InlineData(new[] { MetricStatus.Pass, MetricStatus.External }, MetricStatus.External)]
    [InlineData(new[] { MetricStatus.Skipped, MetricStatus.Fail, MetricStatus.Pass }, MetricStatus.Fail)]
    public void Rollup_fails_on_any_failure_and_is_otherwise_as_weak_as_its_weakest_part(MetricStatus[] statuses, MetricStatus want) =>
        StatusRollup.Combine(statuses).Should().Be(want);

    [Fact]
    public void Run_directory_assembles_parallel_variant_fragments_in_declared_order()
    {
        var run = RunDirectory.Create(TestPaths.NewTempDir(), "run-1");
        run.WriteVariant("visloc", Variant("inloc-duc1", MetricStatus.Skipped), "Visual localization", order: 2);
        run.WriteVariant("visloc", Variant("aachen-day", MetricStatus.Pass), order: 0);
        run.WriteVariant("mapfree", Variant("val", MetricStatus.Fail), order: 0);

        var results = run.WriteResults();

        results.RunId.Should().Be("run-1");
        results.Experiments.Select(e => e.Id).Should().Equal("mapfree", "visloc");
        results.Experiments[1].Title.Should().Be("Visual localization");
        results.Experiments[1].Variants.Select(v => v.Id).Should().Equal("aachen-day", "inloc-duc1");
        results.Status.Should().Be(MetricStatus.Fail);
        run.ReadResults().Experiments.Should().HaveCount(2);
    }

    [Fact]
    public void Csv_tables_round_trip_quotes_and_numbers_and_reject_unknown_curve_columns()
    {
        var run = RunDirectory.Create(TestPaths.NewTempDir(), "run-csv");
        var table = new CsvTable(["query", "t_err_m", "r_err_deg"])
            .AddRow("night/a,b \"x\".jpg", 0.1, 1.5)
            .AddRow("q2", double.NaN, 0.1 + 0.2);

        var reference = run.WriteTable("visloc", "aachen-night", table, ["t_err_m", "r_err_deg"]);
        var back = CsvTable.Read(run.Resolve(reference.Path));

        reference.Path.Should().Be("tables/visloc/aachen-night.csv");
        back.Rows[0][0].Should().Be("night/a,b \"x\".jpg");
        back.Numbers("r_err_deg").Should().Equal(1.5, 0.1 + 0.2);
        double.IsNaN(back.Numbers("t_err_m")[1]).Should().BeTrue();
        var act = () => run.WriteTable("visloc", "x", table, ["missing"]);
        act.Should().Throw<KeyNotFoundException>().WithMessage("*missing*t_err_m*");
    }

    [Fact]
    public void Reading_malformed_json_names_file_and_line()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "results.json");
        File.WriteAllText(path, "{\n  \"run_id\": \"x\",\n  \"experiments\": 5\n}\n");
        var act = () => ReproJson.Read<RunResults>(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"{path}: line 3*experiments*");
    }

    [Fact]
    public void Run_directory_refuses_ids_that_escape_it()
    {
        var run = RunDirectory.Create(TestPaths.NewTempDir(), "run-esc");
        var act = () => run.WriteVariant("../x", Variant("v", MetricStatus.Pass));
        act.Should().Throw<ArgumentException>();
        var act2 = () => run.Resolve("../../etc/passwd");
        act2.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Provenance_capture_fills_host_fields_and_round_trips()
    {
        var p = ProvenanceCapture.Host("run-p", TestPaths.RepoRoot) with { Predictor = "ground-truth oracle", Seed = 7, Timings = [new StageTiming("load", 1.25)] };
        p.Machine.Should().NotBeEmpty();
        p.DotnetVersion.Should().Contain(".NET");
        p.TorchSharpVersion.Should().NotBeNullOrEmpty();
        string path = Path.Combine(TestPaths.NewTempDir(), "provenance.json");
        ReproJson.Write(path, p);
        File.ReadAllText(path).Should().Contain("\"predictor\": \"ground-truth oracle\"").And.Contain("\"torch_sharp_version\"");
        ReproJson.Read<Provenance>(path).Should().BeEquivalentTo(p);
    }
}
