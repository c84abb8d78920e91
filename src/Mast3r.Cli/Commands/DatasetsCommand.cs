using System.CommandLine;
using Mast3r.Datasets;
using Mast3r.Datasets.Synthetic;

namespace Mast3r.Cli.Commands;

/// <summary>
/// `mast3r datasets check --data-root DIR [--dataset KEY] [--experiment ID]`: prints, per dataset, what is present or missing (the
/// PrepareDatasets target); exit code 1 when something is missing. `mast3r datasets synth --dataset KEY --out DIR`
/// writes a synthetic layout (procedural room with exact ground truth).
/// </summary>
internal sealed class DatasetsCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("datasets", "Check benchmark dataset layouts or write synthetic ones.");
        command.Subcommands.Add(BuildCheck());
        command.Subcommands.Add(BuildSynth());
        return command;
    }

    private static Command BuildCheck()
    {
        var root = new Option<string>("--data-root") { Description = "Root holding one folder per dataset (aachen/, mapfree/, …).", Required = true };
        var dataset = new Option<string?>("--dataset") { Description = $"Only this dataset ({string.Join(", ", DatasetLayout.All.Keys)})." };
        var experiment = new Option<string?>("--experiment") { Description = $"Only the datasets of this experiment ({string.Join(", ", DatasetLayout.ByExperiment.Keys)}, or all)." };
        var check = new Command("check", "Print which datasets are complete under a data root and what is missing.") { root, dataset, experiment };
        check.SetAction(parse =>
        {
            string dataRoot = parse.GetValue(root)!;
            string? only = parse.GetValue(dataset);
            if (only is not null && !DatasetLayout.All.ContainsKey(only))
                return UsageError($"unknown dataset '{only}'; known: {string.Join(", ", DatasetLayout.All.Keys)}");
            string? exp = parse.GetValue(experiment);
            if (exp is not null && exp != "all" && !DatasetLayout.ByExperiment.ContainsKey(exp))
                return UsageError($"unknown experiment '{exp}'; known: {string.Join(", ", DatasetLayout.ByExperiment.Keys)}, all");
            var selected = exp is null || exp == "all" ? DatasetLayout.All.Keys.ToHashSet() : DatasetLayout.ByExperiment[exp].ToHashSet();
            int missingTotal = 0;
            foreach (var layout in DatasetLayout.All.Values.Where(l => (only is null || l.Key == only) && selected.Contains(l.Key)))
            {
                var missing = layout.Missing(dataRoot);
                missingTotal += missing.Count;
                Console.WriteLine($"{layout.Key,-10} {(missing.Count == 0 ? "ok" : $"MISSING {missing.Count}/{layout.CheckedCount}")}  {layout.Directory(dataRoot)}");
                foreach (var m in missing) Console.WriteLine($"           missing: {m}");
                if (missing.Count > 0) Console.WriteLine($"           prepare: {layout.PrepareHint}");
            }
            return missingTotal == 0 ? 0 : 1;
        });
        return check;
    }

    private static Command BuildSynth()
    {
        var dataset = new Option<string>("--dataset") { Description = $"One of {string.Join(", ", SyntheticLayouts.Supported)}.", Required = true };
        var output = new Option<string>("--out") { Description = "Data root to write into (the layout goes to <out>/<dataset>/).", Required = true };
        var synth = new Command("synth", "Write the synthetic layout of a dataset (procedural room, exact poses, intrinsics and depth).") { dataset, output };
        synth.SetAction(parse =>
        {
            string key = parse.GetValue(dataset)!;
            if (!SyntheticLayouts.Supported.Contains(key))
                return UsageError($"no synthetic generator for '{key}'; available: {string.Join(", ", SyntheticLayouts.Supported)}");
            Console.WriteLine(SyntheticLayouts.Write(key, parse.GetValue(output)!));
            return 0;
        });
        return synth;
    }

    // System.CommandLine's default exception handler intercepts exceptions thrown inside actions before CliApp can map
    // CliUsageException to exit code 2, so user errors are reported here directly with the same contract.
    private static int UsageError(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
