using System.CommandLine;
using Mast3r.Reporting;

namespace Mast3r.Cli.Commands;

/// <summary>
/// `mast3r results --run DIR`: closes a reproduction run. Assembles <c>results.json</c> from the per-variant fragments
/// the experiment tests wrote, completes <c>provenance.json</c> (host, git, versions, the REPRO_* settings), writes
/// <c>summary.md</c>, prints it, and exits 1 when any metric FAILed — the Reproduce target's verdict.
/// </summary>
internal sealed class ResultsCommand : ICliCommand
{
    public Command Build()
    {
        var run = new Option<string>("--run") { Description = "Run directory (artifacts/repro/<run-id>).", Required = true };
        var command = new Command("results", "Assemble results.json and provenance.json of a reproduction run; exit 1 on any FAIL.") { run };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(run)!;
            if (!Directory.Exists(dir)) throw new CliUsageException($"run directory '{dir}' does not exist.");
            var runDir = new RunDirectory(dir);
            var results = runDir.WriteResults();
            var provenance = Complete(runDir);
            runDir.WriteProvenance(provenance);
            string summary = RunSummary.Markdown(results, provenance);
            File.WriteAllText(Path.Combine(runDir.Path, "summary.md"), summary);
            Console.WriteLine(summary);
            if (results.Experiments.Count == 0)
                Console.Error.WriteLine($"warning: no experiment wrote results into {runDir.Path}/variants.");
            return RunSummary.FailCount(results) > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>Keeps what the experiments recorded (predictor, checkpoints, datasets, timings) and fills the rest.</summary>
    private static Provenance Complete(RunDirectory runDir)
    {
        var host = ProvenanceCapture.Host(runDir.RunId, RepoRoot());
        var recorded = File.Exists(runDir.ProvenancePath) ? runDir.ReadProvenance() : null;
        var settings = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("REPRO_", StringComparison.Ordinal))
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToDictionary(k => k, k => Environment.GetEnvironmentVariable(k) ?? "");
        foreach (var kv in recorded?.Settings ?? new Dictionary<string, string>()) settings.TryAdd(kv.Key, kv.Value);
        var rows = runDir.ReadProvenanceFragments();
        var predictors = rows.Select(r => r.Predictor).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var checkpoints = rows.Where(r => r.Checkpoint != null && r.CheckpointSha256 != null)
            .Select(r => new CheckpointProvenance(Path.GetFileName(r.Checkpoint!), r.Checkpoint!, r.CheckpointSha256!)).Distinct().ToList();
        var datasets = rows.Where(r => r.Dataset != null)
            .Select(r => new DatasetProvenance(r.ExperimentId, r.Dataset!, r.DatasetFingerprint ?? "unrecorded")).Distinct().ToList();
        var timings = rows.Select(r => new StageTiming($"{r.ExperimentId}/{r.ResultId}", r.Seconds)).ToList();
        return host with
        {
            StartedUtc = recorded?.StartedUtc ?? RunStart(runDir),
            FinishedUtc = DateTimeOffset.UtcNow,
            Predictor = recorded?.Predictor is { Length: > 0 } p ? p : predictors.Count > 0 ? string.Join(" + ", predictors) : "unrecorded",
            Checkpoints = recorded?.Checkpoints is { Count: > 0 } c ? c : checkpoints,
            Datasets = recorded?.Datasets is { Count: > 0 } d0 ? d0 : datasets,
            Gpu = recorded?.Gpu ?? host.Gpu,
            Device = Environment.GetEnvironmentVariable("REPRO_DEVICE") is { Length: > 0 } d ? d : recorded?.Device ?? host.Device,
            Dtype = Environment.GetEnvironmentVariable("REPRO_DTYPE") is { Length: > 0 } t ? t : recorded?.Dtype ?? host.Dtype,
            Seed = recorded?.Seed,
            LibTorchVersion = recorded?.LibTorchVersion ?? host.LibTorchVersion,
            Timings = recorded?.Timings is { Count: > 0 } t0 ? t0 : timings,
            Settings = settings,
        };
    }

    private static DateTimeOffset RunStart(RunDirectory runDir) => new(Directory.GetCreationTimeUtc(runDir.Path), TimeSpan.Zero);

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Mast3r.Repro.sln"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }
}
