using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Mast3r.Reporting;

/// <summary>Fills the host-dependent fields of <see cref="Provenance"/> (git, machine, OS, CPU, runtime versions).</summary>
public static class ProvenanceCapture
{
    /// <summary>
    /// A provenance record for <paramref name="runId"/> with git commit/dirty state of <paramref name="repoRoot"/>
    /// (<c>"unknown"</c> when git or the checkout is absent), host, OS, CPU, .NET and TorchSharp versions.
    /// The caller adds predictor, checkpoints, datasets, device, dtype, seed and timings with <c>with</c>.
    /// </summary>
    public static Provenance Host(string runId, string repoRoot) => new()
    {
        RunId = runId,
        GitCommit = Git(repoRoot, "rev-parse HEAD") ?? "unknown",
        GitDirty = Git(repoRoot, "status --porcelain --untracked-files=no") is { } s ? s.Length > 0 : null,
        CommandLine = Environment.CommandLine,
        StartedUtc = DateTimeOffset.UtcNow,
        Machine = Environment.MachineName,
        Os = RuntimeInformation.OSDescription,
        Cpu = $"{CpuModel()} ({Environment.ProcessorCount} logical cores, {RuntimeInformation.ProcessArchitecture})",
        DotnetVersion = RuntimeInformation.FrameworkDescription,
        TorchSharpVersion = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(),
    };

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
            foreach (var line in File.ReadLines(cpuinfo))
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var i and > 0)
                    return line[(i + 1)..].Trim();
        return "unknown CPU";
    }

    private static string? Git(string repoRoot, string args)
    {
        try
        {
            var psi = new ProcessStartInfo("git", $"-C \"{repoRoot}\" {args}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var p = Process.Start(psi);
            if (p == null) return null;
            string output = p.StandardOutput.ReadToEnd().Trim();
            p.StandardError.ReadToEnd();
            return p.WaitForExit(10_000) && p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
