// Mast3r.Repro build graph (Cake). Run it through ./build.sh (or build.cmd), never directly: the wrapper hands the
// raw command line over in MAST3R_BUILD_ARGV and this script parses it with the tested Mast3r.Build library
// (positional targets, --name value, environment fallback, exit code 2 on anything unknown, --help, --plan).
#r "Mast3r.Build/bin/Release/net10.0/Mast3r.Build.dll"
#load "targets/*.cake"

using Mast3r.Build;

var Root = MakeAbsolute(Directory(".."));
var Solution = Root.CombineWithFilePath("Mast3r.Repro.sln");
var Artifacts = Root.Combine("artifacts");

var Parameters = new List<ParameterSpec>
{
    new("configuration", "Build configuration", "Release", Allowed: new[] { "Debug", "Release" }),
    new("filter-trait", "Test: only tests with this trait, e.g. Category=Unit (passed to the test runner)"),
    new("filter-not-trait", "Test: skip tests with this trait, e.g. Category=Integration"),
    new("gpu-host", "Publish: trimmed app without libtorch-cpu natives, for hosts that bring their own libtorch", "false", IsSwitch: true),
    new("runtime", "Publish: runtime identifier", "linux-x64"),
    new("experiment", "Reproduce/PrepareDatasets: experiment id (visloc, mapfree, relpose, mvs, matching) or all", "all"),
    new("variant", "Reproduce: only this variant of the experiment (e.g. aachen-night)"),
    new("checkpoint-dir", "Where the official checkpoints are (FetchCheckpoints writes there)", "checkpoints"),
    new("checkpoint-mirror", "FetchCheckpoints: base URL of a mirror serving the same file names"),
    new("data-root", "Root folder holding one folder per dataset", "data"),
    new("device", "Inference device", "cpu", Allowed: new[] { "cpu", "cuda" }),
    new("dtype", "Inference precision (bf16/fp16 on cuda only)", "fp32", Allowed: new[] { "fp32", "bf16", "fp16" }),
    new("output", "Reproduce/Report: run directory (default artifacts/repro/<utc-time>)"),
    new("preset", "Train: a named preset, e.g. tiny-synthetic"),
    new("output-dir", "Train: output folder (default artifacts/train/<preset>)"),
};

// One file per group of targets under targets/; this order is the order of --help.
RegisterCoreTargets();
RegisterTestTargets();
RegisterReproTargets();

const string DefaultTarget = "Test";
var TargetSpecs = Tasks
    .Select(t => new TargetSpec(t.Name, t.Description ?? "", t.Dependencies.Select(d => d.Name).ToList()))
    .ToList();

BuildInvocation Invocation;
try
{
    var argv = (EnvironmentVariable("MAST3R_BUILD_ARGV") ?? "").Split('\u001f', StringSplitOptions.RemoveEmptyEntries);
    Invocation = BuildArgumentParser.Parse(argv, TargetSpecs, Parameters, name => EnvironmentVariable(name), DefaultTarget);
}
catch (BuildUsageException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    System.Environment.Exit(BuildUsageException.ExitCode);
    return;
}

string P(string name) => Invocation.Values[name];
bool Switch(string name) => string.Equals(Invocation.Values[name], "true", StringComparison.OrdinalIgnoreCase);

if (Invocation.ShowHelp)
{
    Console.WriteLine(HelpText.Render(TargetSpecs, Parameters, DefaultTarget));
    System.Environment.Exit(0);
}
var Plan = ExecutionPlan.For(Invocation.Targets, TargetSpecs);
if (Invocation.ShowPlan)
{
    Console.WriteLine(HelpText.RenderPlan(Plan, TargetSpecs));
    System.Environment.Exit(0);
}

Information($"Targets: {string.Join(" → ", Plan)}");
foreach (var p in Parameters.Where(p => Invocation.Sources[p.Name] != "default"))
    Information($"  --{p.Name} = {Invocation.Values[p.Name]} (from {Invocation.Sources[p.Name]})");

var requested = Task("__Requested");
foreach (var t in Invocation.Targets) requested.IsDependentOn(t);
RunTarget("__Requested");
