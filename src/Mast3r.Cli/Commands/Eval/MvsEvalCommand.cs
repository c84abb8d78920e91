using System.CommandLine;
using Mast3r.IO;
using Mast3r.Metrics.Dtu;

namespace Mast3r.Cli.Commands.Eval;

/// <summary>`mast3r eval mvs --points P.ply --dtu-root DIR --scan N`: DTU accuracy / completeness / overall in mm.</summary>
internal sealed class MvsEvalCommand : IEvalSubcommand
{
    public Command Build()
    {
        var points = new Option<string>("--points") { Description = "Predicted point cloud (.ply, millimetres, DTU world frame).", Required = true };
        var root = new Option<string>("--dtu-root") { Description = "Folder with ObsMask/ObsMask<N>_10.mat, ObsMask/Plane<N>.mat and Points/stl/stl<NNN>_total.ply.", Required = true };
        var scan = new Option<int>("--scan") { Description = "DTU scan number.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the random order of the 0.2 mm thinning.", DefaultValueFactory = _ => 0 };
        var protocol = new Option<string>("--protocol") { Description = "Boundary conventions: matlab (official PointCompareMain.m) or python (DTUeval-python).", DefaultValueFactory = _ => "matlab" };
        protocol.AcceptOnlyFromAmong("matlab", "python");
        var command = new Command("mvs", "DTU multi-view stereo metrics of a point cloud (accuracy, completeness, overall; mm).");
        foreach (var o in new Option[] { points, root, scan, seed, protocol }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var mode = parse.GetValue(protocol) == "python" ? DtuProtocol.DtuEvalPython : DtuProtocol.Matlab;
            Console.Out.WriteLine(Run(parse.GetValue(points)!, parse.GetValue(root)!, parse.GetValue(scan), new DtuOptions(Protocol: mode, Seed: parse.GetValue(seed))));
            return 0;
        });
        return command;
    }

    /// <summary>Evaluates and returns the JSON text; user errors become <see cref="CliUsageException"/>.</summary>
    internal static string Run(string pointsPath, string dtuRoot, int scan, DtuOptions options)
    {
        try
        {
            if (!File.Exists(pointsPath)) throw new InvalidDataException($"{pointsPath}: point cloud not found");
            var predicted = PlyReader.ReadVertices(pointsPath);
            var (mask, plane, reference) = DtuFiles.LoadScan(dtuRoot, scan);
            var r = DtuEvaluation.Evaluate(predicted, reference, mask, plane, options);
            return JsonMetricWriter.Write(new KeyValuePair<string, object>[]
            {
                new("scan", scan),
                new("accuracy", r.Accuracy),
                new("completeness", r.Completeness),
                new("overall", r.Overall),
                new("points", r.PredictedPoints),
                new("points_after_reduction", r.ReducedPoints),
                new("points_in_mask", r.InMaskPoints),
                new("stl_points_above_plane", r.AbovePlanePoints),
            });
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
