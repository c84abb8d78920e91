using System.CommandLine;
using System.Globalization;
using Mast3r.Training.Data.Co3d;
using Spectre.Console;

namespace Mast3r.Cli.Commands;

/// <summary>
/// `mast3r preprocess-co3d`: the CO3Dv2 preprocessing of dust3r <c>preprocess_co3d.py</c> (protocols.md §6) — a top-level
/// command because `train` takes the official train.py arguments directly. Sequence selection beyond
/// <c>--num_sequences_per_object</c> needs the official <c>selected_seqs_&lt;split&gt;.json</c> (--selected-seqs).
/// </summary>
internal sealed class PreprocessCo3dCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("preprocess-co3d", "Preprocess raw CO3Dv2 categories into the DUSt3R/MASt3R training layout (crops, 512 resolution, npz cameras).");
        var co3dDir = new Option<string>("--co3d-dir") { Description = "Raw CO3Dv2 root (category folders with set_lists/, *.jgz annotations).", Required = true };
        var outputDir = new Option<string>("--output-dir") { Description = "Output root (must differ from --co3d-dir).", Required = true };
        var category = new Option<string[]>("--category") { Description = "Category to process (repeatable; default: every CO3Dv2 category present).", AllowMultipleArgumentsPerToken = true };
        var split = new Option<string>("--split") { Description = "train or test (default: both, as the script)." };
        var selected = new Option<string>("--selected-seqs") { Description = "Official selected_seqs_<split>.json to reuse the script's random sequence choice." };
        var numSeq = new Option<int?>("--num-sequences-per-object") { Description = "Sequences kept per category (default 50)." };
        var minQuality = new Option<double?>("--min-quality") { Description = "Strict lower bound on viewpoint_quality_score (default 0.5)." };
        var imgSize = new Option<int?>("--img-size") { Description = "Output resolution (default 512)." };
        var single = new Option<bool>("--single-sequence-subset") { Description = "Read the manyview_dev set lists instead of fewview_train." };
        foreach (var o in new Option[] { co3dDir, outputDir, category, split, selected, numSeq, minQuality, imgSize, single }) command.Options.Add(o);

        command.SetAction(r =>
        {
            string? s = r.GetValue(split);
            if (s != null && s != "train" && s != "test") throw new CliUsageException($"--split must be train or test, not '{s}'.");
            if (s == null && r.GetValue(selected) != null)
                throw new CliUsageException("--selected-seqs holds one split's selection: give --split too.");
            var cats = r.GetValue(category);
            foreach (var c in cats ?? Array.Empty<string>())
                if (!Co3dSequenceSelection.Categories.Contains(c))
                    throw new CliUsageException($"--category '{c}' is not a CO3Dv2 category ({string.Join(", ", Co3dSequenceSelection.Categories)}).");
            var options = new Co3dPreprocessOptions
            {
                Co3dDir = r.GetValue(co3dDir)!,
                OutputDir = r.GetValue(outputDir)!,
                Categories = cats is { Length: > 0 } ? cats : null,
                Splits = s != null ? new[] { s } : new[] { "train", "test" },
                SelectedSeqsFile = r.GetValue(selected),
                NumSequencesPerObject = r.GetValue(numSeq) ?? 50,
                MinQuality = r.GetValue(minQuality) ?? 0.5,
                ImgSize = r.GetValue(imgSize) ?? 512,
                SingleSequenceSubset = r.GetValue(single),
            };
            return Run(options);
        });
        return command;
    }

    private static int Run(Co3dPreprocessOptions o)
    {
        AnsiConsole.MarkupLine($"[bold]mast3r preprocess-co3d[/] {Markup.Escape(Path.GetFullPath(o.Co3dDir))} → {Markup.Escape(Path.GetFullPath(o.OutputDir))}");
        Dictionary<string, Dictionary<string, Dictionary<string, List<int>>>> result;
        try
        {
            result = AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    ProgressTask? task = null;
                    string current = "";
                    return Co3dPreprocessor.Run(o, p =>
                    {
                        string key = $"{p.Split} {p.Category}";
                        if (key != current)
                        {
                            task?.StopTask();
                            task = ctx.AddTask(Markup.Escape(key), maxValue: p.Count);
                            current = key;
                        }
                        task!.Value = p.Index + 1;
                    });
                });
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw new CliUsageException(e.Message);
        }
        foreach (var (split, cats) in result)
            foreach (var (cat, seqs) in cats)
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"{split} {Markup.Escape(cat)}: {seqs.Count} sequences, {seqs.Values.Sum(f => f.Count)} frames"));
        return 0;
    }
}
