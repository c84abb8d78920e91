using FluentAssertions;
using Mast3r.Cli;
using Mast3r.IO;
using Mast3r.Tests.Matching;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Cli;

/// <summary>`mast3r match` end to end in-process. Not parallel: it redirects the process-wide console.</summary>
[Collection(nameof(ConsoleRedirectingTests))]
[Trait("Category", "Integration")]
public class MatchCommandTests
{
    private static string Fixture(string name) => Path.Combine(TestPaths.TinyA, name + ".npy");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            return (CliApp.Run(args), stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    [Fact]
    public void Writes_the_official_matches_as_int32_rows()
    {
        string output = Path.Combine(TestPaths.NewTempDir(), "m.npy");
        var (code, stdout, _) = Run("match", "--desc1", Fixture("matchcrop_desc0"), "--desc2", Fixture("matchcrop_desc1"), "--out", output);

        code.Should().Be(0);
        stdout.Should().Contain("15 matches");
        var npy = NpyArray.Load(output);
        npy.DType.Should().Be("<i4");
        npy.Shape.Should().Equal(15, 4);
        var v = npy.ToLongs();
        Enumerable.Range(0, 15).Select(i => $"{v[4 * i]},{v[4 * i + 1]},{v[4 * i + 2]},{v[4 * i + 3]}")
            .Should().Equal(MatchFixtures.ExpectedRows("matchcrop"));
    }

    [Fact]
    public void Border_option_applies_the_readme_filter()
    {
        string output = Path.Combine(TestPaths.NewTempDir(), "m.npy");
        var (code, stdout, _) = Run("match", "--desc1", Fixture("matchsyn_desc0"), "--desc2", Fixture("matchsyn_desc1"), "--border", "3", "--out", output);

        code.Should().Be(0);
        var v = NpyArray.Load(output).ToLongs();
        int n = v.Length / 4;
        stdout.Should().Contain($"{n} matches (35 before the 3-pixel border filter)");
        for (int i = 0; i < n; i++)
        {
            v[4 * i].Should().BeInRange(3, 56 - 4);
            v[4 * i + 1].Should().BeInRange(3, 40 - 4);
            v[4 * i + 2].Should().BeInRange(3, 40 - 4);
            v[4 * i + 3].Should().BeInRange(3, 48 - 4);
        }
    }

    [Theory]
    [InlineData("missing", "--desc1*not found*")]
    [InlineData("int-file", "--desc1*float32*")]
    [InlineData("bad-subsample", "--subsample must be a positive integer*")]
    [InlineData("bad-device", "--device*cpu or cuda*")]
    [InlineData("dim-mismatch", "descriptor dimensions differ*")]
    public void Bad_arguments_exit_2_with_a_clear_message(string problem, string message)
    {
        string dir = TestPaths.NewTempDir();
        string d0 = Fixture("matchcrop_desc0"), d1 = Fixture("matchcrop_desc1");
        var args = problem switch
        {
            "missing" => new[] { "--desc1", Path.Combine(dir, "nope.npy"), "--desc2", d1 },
            "int-file" => new[] { "--desc1", Fixture("matchcrop_xy0"), "--desc2", d1 },
            "bad-subsample" => new[] { "--desc1", d0, "--desc2", d1, "--subsample", "0" },
            "bad-device" => new[] { "--desc1", d0, "--desc2", d1, "--device", "tpu" },
            _ => new[] { "--desc1", d0, "--desc2", WriteFloats(dir, 4, 4, 8) },
        };
        var (code, _, stderr) = Run(["match", .. args, "--out", Path.Combine(dir, "m.npy")]);
        code.Should().Be(2);
        stderr.Should().Match($"error: {message}");
    }

    private static string WriteFloats(string dir, int h, int w, int d)
    {
        string path = Path.Combine(dir, "d.npy");
        NpyArray.FromFloats(new float[h * w * d], h, w, d).Save(path);
        return path;
    }
}

[CollectionDefinition(nameof(ConsoleRedirectingTests), DisableParallelization = true)]
public sealed class ConsoleRedirectingTests;
