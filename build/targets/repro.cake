// FetchCheckpoints, PrepareDatasets, Train, Reproduce, Report: the reproduction half of the graph. Every target
// drives the `mast3r` CLI (or the experiment tests), so what the graph does is also reachable without Cake.

string RunDirectoryPath;   // chosen by Reproduce, read by Report when both run in one invocation

void RegisterReproTargets()
{
    Task("FetchCheckpoints")
        .Description("Download the official checkpoints into --checkpoint-dir (resumable, SHA-256 verified)")
        .IsDependentOn("Compile")
        .Does(() =>
        {
            string args = $"fetch --checkpoint-dir \"{CheckpointDir()}\"";
            if (!string.IsNullOrEmpty(P("checkpoint-mirror"))) args += $" --checkpoint-mirror \"{P("checkpoint-mirror")}\"";
            Mast3r(args);
        });

    Task("PrepareDatasets")
        .Description("Check the datasets under --data-root for --experiment and print what is missing")
        .IsDependentOn("Compile")
        .Does(() =>
        {
            string args = $"datasets check --data-root \"{DataRoot()}\"";
            if (P("experiment") != "all") args += $" --experiment {P("experiment")}";
            Mast3r(args);
        });

    Task("Train")
        .Description("Train with the released recipe, or --preset tiny-synthetic on CPU in minutes")
        .IsDependentOn("Compile")
        .Does(() =>
        {
            string output = P("output-dir") is { } o ? FromRoot(o) : Artifacts.Combine("train").Combine(P("preset") ?? "run").FullPath;
            string args = $"train --output_dir \"{output}\" --device {P("device")}";
            if (!string.IsNullOrEmpty(P("preset"))) args += $" --preset {P("preset")}";
            Mast3r(args);
        });

    Task("Reproduce")
        .Description("Run the experiments (--experiment id|all) → artifacts/repro/<run-id>/: results.json, provenance.json, CSVs, report.html; fails on any FAIL")
        .IsDependentOn("Compile")
        .Does(() =>
        {
            RunDirectoryPath = P("output") is { } o ? FromRoot(o) : Artifacts.Combine("repro").Combine(DateTime.UtcNow.ToString("yyyyMMdd-HHmmss")).FullPath;
            System.IO.Directory.CreateDirectory(RunDirectoryPath);
            var env = new Dictionary<string, string>
            {
                ["REPRO_OUTPUT"] = RunDirectoryPath,
                ["REPRO_CHECKPOINT_DIR"] = CheckpointDir(),
                ["REPRO_DATA_ROOT"] = DataRoot(),
                ["REPRO_DEVICE"] = P("device"),
                ["REPRO_DTYPE"] = P("dtype"),
                ["REPRO_EXPERIMENT"] = P("experiment"),
                ["REPRO_VARIANT"] = P("variant") ?? "",
            };
            string filter = P("experiment") == "all" ? "" : $" --filter-trait \"Experiment={P("experiment")}\"";
            string args = $"test --project \"{Root}/repro/Experiments\" -c {P("configuration")} --no-build --no-progress"
                + $" --results-directory \"{RunDirectoryPath}/test-results\" --report-xunit-trx --report-xunit-trx-filename experiments.trx"
                + filter;
            int testExit = StartProcess("dotnet", new ProcessSettings { Arguments = args, WorkingDirectory = Root, EnvironmentVariables = env });
            // Assembles results.json + provenance.json + summary.md and prints the headline table; non-zero on any FAIL.
            int resultsExit = Mast3rExit($"results --run \"{RunDirectoryPath}\"", env);
            System.IO.File.WriteAllText(Artifacts.Combine("repro").CombineWithFilePath("LATEST").FullPath, RunDirectoryPath + "\n");
            // The reviewer's page is part of every run, passing or not.
            int reportExit = Mast3rExit($"report --run \"{RunDirectoryPath}\"");
            Information($"Run directory: {RunDirectoryPath}");
            Information($"Report: {RunDirectoryPath}/report.html");
            if (reportExit != 0) throw new CakeException(1, $"Rendering the report failed (exit {reportExit}).");
            if (resultsExit != 0 || testExit != 0)
                throw new CakeException(1, $"Reproduction failed (experiment tests exit {testExit}, results exit {resultsExit}).");
        });

    Task("Report")
        .Description("Re-render the self-contained HTML report of the last (or --output) run")
        .IsDependentOn("Compile")
        .Does(() =>
        {
            string run = RunDirectoryPath ?? (P("output") is { } o ? FromRoot(o) : LatestRun());
            Mast3r($"report --run \"{run}\"");
            Information($"Report: {run}/report.html");
        });
}

// Relative paths are relative to the repository root (build.sh runs there), not to Cake's build/ folder.
string CheckpointDir() => FromRoot(P("checkpoint-dir"));
string DataRoot() => FromRoot(P("data-root"));
string FromRoot(string path) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root.FullPath, path));

string LatestRun()
{
    var latest = Artifacts.Combine("repro").CombineWithFilePath("LATEST");
    if (!FileExists(latest)) throw new CakeException(2, "No reproduction run yet: run ./build.sh Reproduce first, or pass --output <run dir>.");
    return System.IO.File.ReadAllText(latest.FullPath).Trim();
}

string CliDll() => Root.CombineWithFilePath($"src/Mast3r.Cli/bin/{P("configuration")}/net10.0/Mast3r.Cli.dll").FullPath;

void Mast3r(string arguments, IDictionary<string, string> environment = null) => Run("dotnet", $"\"{CliDll()}\" {arguments}", environment);

int Mast3rExit(string arguments, IDictionary<string, string> environment = null)
{
    var settings = new ProcessSettings { Arguments = $"\"{CliDll()}\" {arguments}", WorkingDirectory = Root };
    if (environment != null) settings.EnvironmentVariables = environment;
    return StartProcess("dotnet", settings);
}
