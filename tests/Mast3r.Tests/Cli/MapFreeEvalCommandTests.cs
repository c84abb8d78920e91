using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using Mast3r.Cli;
using Mast3r.Cli.Commands.Eval;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Cli;

/// <summary>`mast3r eval mapfree` end to end on a synthetic split written in the official layout.</summary>
[Trait("Category", "Unit")]
public class MapFreeEvalCommandTests
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Two scenes of 11 GT lines; seq0 and seq1 frame 0 share key 0, so 10 entries and evaluated keys 0, 5.</summary>
    private static string WriteSplit()
    {
        string root = TestPaths.NewTempDir("mapfree-split");
        foreach (string scene in new[] { "s00460", "s00461" })
        {
            string dir = Directory.CreateDirectory(Path.Combine(root, scene)).FullName;
            var k = new List<string> { "seq0/frame_00000.jpg 500 500 270 360 540 720" };
            var p = new List<string> { "seq0/frame_00000.jpg 1 0 0 0 0 0 0" };
            for (int i = 0; i < 10; i++)
            {
                k.Add($"seq1/frame_{i:D5}.jpg 500 500 270 360 540 720");
                p.Add($"seq1/frame_{i:D5}.jpg 1 0 0 0 {F(0.1 * i)} 0 0");
            }
            File.WriteAllLines(Path.Combine(dir, "intrinsics.txt"), k);
            File.WriteAllLines(Path.Combine(dir, "poses.txt"), p);
        }
        return root;
    }

    [Fact]
    public void Prints_official_keys_and_values_for_a_partial_submission()
    {
        string data = WriteSplit();
        string est = TestPaths.NewTempDir("mapfree-est");
        // Scene s00460: key 0 exact; key 5 centre off by 1 m (identity rotation: t moves by 1); key 3 is not evaluated.
        File.WriteAllLines(Path.Combine(est, "pose_s00460.txt"),
        [
            "seq1/frame_00000.jpg 1 0 0 0 0 0 0 10",
            "seq1/frame_00003.jpg 1 0 0 0 0 0 0 99",
            $"seq1/frame_00005.jpg 1 0 0 0 {F(0.5 + 1)} 0 0 5",
        ]);
        // Scene s00461 has no file → its 10 distinct keys all count as failures.
        var warnings = new List<string>();
        string json = MapFreeEvalCommand.Run(est, data, lenient: false, warnings.Add);
        json.Should().Contain("\"Precision @ Pose Error < (25.0cm, 5deg)\"", "keys are printed verbatim, not \\u-escaped");
        using var doc = JsonDocument.Parse(json);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        keys.Should().Equal("Average Median Translation Error", "Average Median Rotation Error", "Average Median Reprojection Error",
            "Precision @ Pose Error < (25.0cm, 5deg)", "AUC @ Pose Error < (25.0cm, 5deg)", "Precision @ VCRE < 90px",
            "AUC @ VCRE < 90px", "Estimates for % of frames");
        double Get(string key) => doc.RootElement.GetProperty(key).GetDouble();
        // total = 2 estimates + 10 (all distinct GT keys of s00461) = 12; median of errors {0, 1} = 0.5.
        Get("Average Median Translation Error").Should().BeApproximately(0.5, 1e-12);
        Get("Average Median Rotation Error").Should().Be(0);
        Get("Precision @ Pose Error < (25.0cm, 5deg)").Should().BeApproximately(1 / 12.0, 1e-12);
        Get("AUC @ Pose Error < (25.0cm, 5deg)").Should().BeApproximately(1 / 12.0 + 0.5 / 12.0, 1e-7);
        Get("Estimates for % of frames").Should().BeApproximately(2 / 12.0, 1e-12);
        warnings.Should().Contain(w => w.Contains("pose_s00461.txt"));
    }

    [Fact]
    public void Malformed_submission_line_is_a_usage_error_with_file_and_line()
    {
        string data = WriteSplit();
        string est = TestPaths.NewTempDir("mapfree-est");
        File.WriteAllLines(Path.Combine(est, "pose_s00460.txt"), ["seq1/frame_00000.jpg 1 0 0 0 0 0 0 1", "seq1/frame_00004.jpg 1 0 0 0 0 0 0"]);
        var act = () => MapFreeEvalCommand.Run(est, data, lenient: false, _ => { });
        act.Should().Throw<CliUsageException>().WithMessage($"*pose_s00460.txt:2: expected 9 fields*");
    }

    [Fact]
    public void Missing_ground_truth_file_is_a_usage_error()
    {
        string data = WriteSplit();
        File.Delete(Path.Combine(data, "s00461", "poses.txt"));
        var act = () => MapFreeEvalCommand.Run(TestPaths.NewTempDir(), data, lenient: false, _ => { });
        act.Should().Throw<CliUsageException>().WithMessage("*s00461*poses.txt: ground-truth file not found");
    }
}
