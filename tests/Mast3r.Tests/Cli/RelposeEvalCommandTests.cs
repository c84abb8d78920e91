using System.Globalization;
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
public class RelposeEvalCommandTests
{
    private static string Line(string seq, string frame, Pose p)
    {
        var q = p.ToQuaternion();
        return string.Join(" ", new[] { q.W, q.X, q.Y, q.Z, p.Translation[0], p.Translation[1], p.Translation[2] }
            .Select(v => v.ToString("R", CultureInfo.InvariantCulture)).Prepend(frame).Prepend(seq));
    }

    private sealed record Dataset(string Gt, string Est, PoseSequence[] Expected);

    /// <summary>
    /// Three sequences in two categories with noisy estimates; one estimate missing; the estimate file written in a
    /// shuffled order (order must not matter there, only in the ground truth).
    /// </summary>
    private static Dataset MakeDataset(int seed)
    {
        var rng = new Random(seed);
        string[] names = ["teddybear/101_1", "teddybear/102_2", "re10k/0a1b2c/clip"];
        var sequences = new List<PoseSequence>();
        var gtLines = new List<string>();
        var estLines = new List<string>();
        foreach (string name in names)
        {
            var truth = MultiViewPoseAccuracyTests.RandomCameras(rng, 10);
            var frames = new List<(string, Pose, Pose?)>();
            for (int i = 0; i < truth.Length; i++)
            {
                string frame = (100 - 7 * i).ToString(CultureInfo.InvariantCulture); // deliberately not sorted
                Pose? est = name.StartsWith("re10k") && i == 4 ? null : VislocEvaluatorTests.Perturb(rng, truth[i], rng.NextDouble(), rng.NextDouble() * 40);
                frames.Add((frame, truth[i], est));
                gtLines.Add(Line(name, frame, truth[i]));
                if (est is not null) estLines.Add(Line(name, frame, est));
            }
            sequences.Add(new PoseSequence(name, frames));
        }
        string dir = TestPaths.NewTempDir("relpose-cli");
        string gt = Path.Combine(dir, "gt.txt"), estPath = Path.Combine(dir, "est.txt");
        File.WriteAllLines(gt, gtLines);
        File.WriteAllLines(estPath, estLines.OrderBy(_ => rng.Next()));
        return new Dataset(gt, estPath, [.. sequences]);
    }

    [Fact]
    public void Random_sequences_with_a_missing_frame_print_per_category_and_averaged_scores()
    {
        var d = MakeDataset(100);
        var expected = MultiViewPoseEvaluator.Evaluate(d.Expected);

        var (code, output, err) = CliRunner.Run("eval", "relpose", "--estimates", d.Est, "--gt", d.Gt);

        code.Should().Be(0, err);
        var root = JsonDocument.Parse(output).RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("RRA@15", "RTA@15", "mAA(30)", "pairs", "per_category");
        root.GetProperty("pairs").GetInt32().Should().Be(135);
        root.GetProperty("RRA@15").GetDouble().Should().Be(expected.Overall.Rra15);
        root.GetProperty("RTA@15").GetDouble().Should().Be(expected.Overall.Rta15);
        root.GetProperty("mAA(30)").GetDouble().Should().Be(expected.Overall.Maa30);
        var perCategory = root.GetProperty("per_category");
        perCategory.EnumerateObject().Select(p => p.Name).Should().Equal("re10k", "teddybear");
        perCategory.GetProperty("teddybear").GetProperty("pairs").GetInt32().Should().Be(90);
        perCategory.GetProperty("re10k").GetProperty("RRA@15").GetDouble().Should().BeLessThanOrEqualTo(100.0 * 36 / 45, "the 9 pairs of the missing frame fail");
        root.GetProperty("RRA@15").GetDouble().Should().BeApproximately(
            (perCategory.GetProperty("re10k").GetProperty("RRA@15").GetDouble() + perCategory.GetProperty("teddybear").GetProperty("RRA@15").GetDouble()) / 2, 1e-12);
    }

    [Fact]
    public void Estimates_equal_to_the_truth_score_100_everywhere()
    {
        var d = MakeDataset(101);
        var (code, output, _) = CliRunner.Run("eval", "relpose", "--estimates", d.Gt, "--gt", d.Gt);
        code.Should().Be(0);
        var root = JsonDocument.Parse(output).RootElement;
        root.GetProperty("RRA@15").GetDouble().Should().Be(100);
        root.GetProperty("RTA@15").GetDouble().Should().Be(100);
        root.GetProperty("mAA(30)").GetDouble().Should().Be(100);
    }

    [Fact]
    public void A_malformed_line_exits_2_naming_file_and_line()
    {
        var d = MakeDataset(102);
        var lines = File.ReadAllLines(d.Gt);
        lines[11] = lines[11].Replace(' ', '\t') + " 7";
        File.WriteAllLines(d.Gt, lines);

        var (code, output, err) = CliRunner.Run("eval", "relpose", "--estimates", d.Est, "--gt", d.Gt);

        code.Should().Be(2);
        output.Should().BeEmpty();
        err.Should().Contain($"{d.Gt}:12: expected 9 fields");
    }

    [Fact]
    public void A_category_without_any_pair_exits_2()
    {
        string dir = TestPaths.NewTempDir("relpose-cli");
        string gt = Path.Combine(dir, "gt.txt");
        File.WriteAllLines(gt, ["apple/1 0 1 0 0 0 0 0 0", "apple/1 1 1 0 0 0 1 0 0", "banana/1 0 1 0 0 0 0 0 0"]);
        var (code, _, err) = CliRunner.Run("eval", "relpose", "--estimates", gt, "--gt", gt);
        code.Should().Be(2);
        err.Should().Contain("'banana' has no pair");
    }
}
