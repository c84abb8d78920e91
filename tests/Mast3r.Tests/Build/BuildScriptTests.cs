using System.Diagnostics;
using FluentAssertions;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Build;

/// <summary>Runs the real ./build.sh wrapper (Cake included) for the behaviours users rely on.</summary>
[Trait("Category", "Integration")]
public class BuildScriptTests
{
    private static (int Code, string Out, string Err) BuildSh(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = TestPaths.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(TestPaths.RepoRoot, "build.sh"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("MAST3R_BUILD_ARGV");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit(120_000).Should().BeTrue("build.sh must answer --help/--plan/usage errors quickly");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Unknown_option_exits_2_and_lists_valid_parameters()
    {
        var (code, _, err) = BuildSh("--no-such-option");
        code.Should().Be(2);
        err.Should().Contain("Unknown parameter '--no-such-option'").And.Contain("--configuration");
    }

    [Fact]
    public void Plan_prints_ordered_targets_without_running_them()
    {
        var (code, output, _) = BuildSh("--plan", "Test");
        code.Should().Be(0);
        output.Should().Contain("Plan (nothing is run)");
        output.IndexOf("Restore", StringComparison.Ordinal).Should().BeLessThan(output.IndexOf("Compile", StringComparison.Ordinal));
        output.Should().NotContain("Build succeeded");
    }

    [Fact]
    public void Help_lists_targets_and_parameters()
    {
        var (code, output, _) = BuildSh("--help");
        code.Should().Be(0);
        output.Should().Contain("Targets (default: Test)").And.Contain("Coverage").And.Contain("REPRO_CONFIGURATION");
    }
}
