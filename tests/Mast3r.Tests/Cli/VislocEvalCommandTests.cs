using System.Text.Json;
using FluentAssertions;
using Mast3r.Geometry;
using Mast3r.Metrics;
using Mast3r.Tests.Geometry;
using Mast3r.Tests.Metrics;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Cli;

[Trait("Category", "Unit")]
public class VislocEvalCommandTests
{
    private static string WritePoses(string dir, string file, IEnumerable<(string Name, Pose WorldToCamera)> poses)
    {
        string path = Path.Combine(dir, file);
        File.WriteAllLines(path, poses.Select(p => PoseTextFile.FormatExportLine(p.Name, p.WorldToCamera.Inverse())));
        return path;
    }

    /// <summary>The eight queries of protocols.md §1.6, the last without an estimate, written in shuffled order.</summary>
    private static (string Gt, string Est) EightQueries()
    {
        var rng = new Random(90);
        (double Dc, double Deg)[] errors = [(0.05, 0.5), (0.2, 1.5), (0.3, 1), (0.4, 4), (0.2, 6), (3, 8), (6, 1)];
        var gt = Enumerable.Range(0, 8).Select(i => ($"IMG_{i:D4}.jpg", SyntheticScene.RandomPoseAt(rng, [rng.NextDouble() * 300, rng.NextDouble() * 300, 10]))).ToArray();
        var est = errors.Select((e, i) => (gt[i].Item1, VislocEvaluatorTests.Perturb(rng, gt[i].Item2, e.Dc, e.Deg))).Reverse().ToArray();
        string dir = TestPaths.NewTempDir("visloc-cli");
        return (WritePoses(dir, "gt.txt", gt), WritePoses(dir, "est_ltvl.txt", est));
    }

    [Fact]
    public void Aachen_bins_on_the_eight_protocol_queries_print_the_expected_json()
    {
        var (gt, est) = EightQueries();

        var (code, output, err) = CliRunner.Run("eval", "visloc", "--estimates", est, "--gt", gt, "--bins", "aachen");

        code.Should().Be(0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("queries", "missing", "bins", "median_t_m", "median_r_deg");
        root.GetProperty("queries").GetInt32().Should().Be(8);
        root.GetProperty("missing").GetInt32().Should().Be(1);
        var bins = root.GetProperty("bins").EnumerateArray().ToArray();
        bins.Select(b => b.GetProperty("t_m").GetDouble()).Should().Equal(0.25, 0.5, 5);
        bins.Select(b => b.GetProperty("r_deg").GetDouble()).Should().Equal(2, 5, 10);
        bins.Select(b => b.GetProperty("recall").GetDouble()).Should().Equal(25, 50, 75);
        root.GetProperty("median_t_m").GetDouble().Should().BeApproximately(0.35, 1e-9);
        root.GetProperty("median_r_deg").GetDouble().Should().BeApproximately(2.75, 1e-9);
    }

    [Fact]
    public void Default_bins_are_the_local_evaluator_and_explicit_lists_are_accepted()
    {
        var (gt, est) = EightQueries();

        var local = JsonDocument.Parse(CliRunner.Run("eval", "visloc", "--estimates", est, "--gt", gt).Out).RootElement;
        var custom = JsonDocument.Parse(CliRunner.Run("eval", "visloc", "--estimates", est, "--gt", gt, "--bins", "0.25,10;1,10").Out).RootElement;

        local.GetProperty("bins").EnumerateArray().Select(b => b.GetProperty("recall").GetDouble()).Should().Equal(12.5, 25, 50, 75);
        custom.GetProperty("bins").EnumerateArray().Select(b => b.GetProperty("recall").GetDouble()).Should().Equal(37.5, 62.5);
    }

    [Fact]
    public void A_median_over_mostly_missing_queries_is_written_as_Infinity()
    {
        var rng = new Random(91);
        var gt = Enumerable.Range(0, 3).Select(i => ($"q{i}", SyntheticScene.RandomPoseAt(rng, [i, 0, 0]))).ToArray();
        string dir = TestPaths.NewTempDir("visloc-cli");
        var (code, output, _) = CliRunner.Run("eval", "visloc", "--estimates", WritePoses(dir, "e.txt", gt.Take(1)), "--gt", WritePoses(dir, "g.txt", gt));
        code.Should().Be(0);
        output.Should().Contain("\"median_t_m\": Infinity").And.Contain("\"median_r_deg\": Infinity").And.Contain("\"missing\": 2");
    }

    [Fact]
    public void A_malformed_estimate_line_exits_2_naming_file_and_line()
    {
        var (gt, est) = EightQueries();
        File.AppendAllLines(est, ["IMG_0009.jpg 1 0 0 0 0.5 0.5"]);

        var (code, output, err) = CliRunner.Run("eval", "visloc", "--estimates", est, "--gt", gt);

        code.Should().Be(2);
        output.Should().BeEmpty();
        err.Should().Contain($"{est}:8: expected 8 fields");
    }

    [Fact]
    public void Duplicate_queries_missing_files_and_bad_bins_exit_2_with_a_message()
    {
        var (gt, est) = EightQueries();
        File.AppendAllLines(gt, ["IMG_0000.jpg 1 0 0 0 0 0 0"]);

        CliRunner.Run("eval", "visloc", "--estimates", est, "--gt", gt).Err.Should().Contain($"{gt}:9: 'IMG_0000.jpg' already appears on line 1");
        (gt, est) = EightQueries();
        var missing = CliRunner.Run("eval", "visloc", "--estimates", est + ".nope", "--gt", gt);
        missing.Code.Should().Be(2);
        missing.Err.Should().Contain("file not found");
        var bins = CliRunner.Run("eval", "visloc", "--estimates", est, "--gt", gt, "--bins", "0.5");
        bins.Code.Should().Be(2);
        bins.Err.Should().Contain("--bins");
    }
}
