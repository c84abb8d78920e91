using System.CommandLine;
using Mast3r.Metrics.MapFree;

namespace Mast3r.Cli.Commands.Eval;

/// <summary>
/// `mast3r eval mapfree --estimates DIR|ZIP --data DIR`: the official map-free single-frame metrics, printed as
/// JSON with the official key names (benchmark/mapfree.py).
/// </summary>
internal sealed class MapFreeEvalCommand : IEvalSubcommand
{
    public Command Build()
    {
        var estimates = new Option<string>("--estimates") { Description = "Folder (or ZIP) with pose_<scene>.txt files: 'frame qw qx qy qz tx ty tz confidence' (world→camera).", Required = true };
        var data = new Option<string>("--data") { Description = "Split folder with <scene>/intrinsics.txt and <scene>/poses.txt (e.g. data/mapfree/val), or one scene folder.", Required = true };
        var lenient = new Option<bool>("--lenient") { Description = "Skip malformed pose lines with a warning (the official script's behaviour) instead of failing." };
        var command = new Command("mapfree", "Map-free relocalization metrics (VCRE / pose precision and AUC, average median errors).");
        command.Options.Add(estimates);
        command.Options.Add(data);
        command.Options.Add(lenient);
        command.SetAction(parse =>
        {
            Console.Out.WriteLine(Run(parse.GetValue(estimates)!, parse.GetValue(data)!, parse.GetValue(lenient), Console.Error.WriteLine));
            return 0;
        });
        return command;
    }

    /// <summary>Evaluates and returns the JSON text; user errors become <see cref="CliUsageException"/>.</summary>
    internal static string Run(string estimatesPath, string dataDir, bool lenient, Action<string> warn)
    {
        try
        {
            var scenes = MapFreeFiles.LoadScenes(dataDir, lenient, w => warn($"warning: {w}"));
            var submission = MapFreeFiles.LoadSubmission(estimatesPath, scenes.Select(s => s.Name), lenient, w => warn($"warning: {w}"));
            var result = MapFreeBenchmark.Evaluate(scenes, submission);
            if (result.Failures > 0) warn($"warning: {result.Failures} frame(s) have no estimate and count as failures");
            return JsonMetricWriter.Write(result.ToOfficialEntries().Select(e => new KeyValuePair<string, object>(e.Key, e.Value)));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
