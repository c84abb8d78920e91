using System.CommandLine;
using Mast3r.Geometry;
using Mast3r.Metrics;

namespace Mast3r.Cli.Commands.Eval;

/// <summary>
/// `mast3r eval visloc`: localisation accuracy of an estimate file against a ground-truth file (protocols.md §1.4).
/// </summary>
internal sealed class VislocEvalCommand : IEvalSubcommand
{
    public Command Build()
    {
        var estimates = PoseEvalSupport.RequiredPath("--estimates", "Estimated poses, lines 'name qw qx qy qz tx ty tz' (world→camera, e.g. a *_ltvl.txt).");
        var gt = PoseEvalSupport.RequiredPath("--gt", "Ground-truth poses in the same format; every line is one evaluated query.");
        var bins = new Option<string>("--bins")
        {
            Description = "Accuracy bins: aachen (0.25 m,2°; 0.5 m,5°; 5 m,10°), inloc (0.25,10; 0.5,10; 1,10), local (dust3r_visloc: 0.1,1; 0.25,2; 0.5,5; 5,10) or an explicit list \"t,r;t,r;…\" in metres and degrees.",
            DefaultValueFactory = _ => "local",
        };
        var command = new Command("visloc",
            "Visual-localisation accuracy: % of ground-truth queries with camera-centre distance < t and rotation angle < r (both strict), " +
            "medians of both errors; queries without an estimate are failures (∞). Prints JSON; an infinite median is written as Infinity.")
        {
            estimates, gt, bins,
        };
        command.SetAction(parse => UsageErrorGuard.Run(parse, () =>
        {
            var thresholds = ParseBins(parse.GetValue(bins)!);
            var truth = PoseEvalSupport.Read(parse.GetValue(gt)!, PoseTextFile.ReadNamed);
            var est = PoseEvalSupport.Read(parse.GetValue(estimates)!, PoseTextFile.ReadNamed);
            if (truth.Count == 0) throw new CliUsageException($"{parse.GetValue(gt)}: no queries");
            var report = VislocEvaluator.Evaluate(
                truth.Select(e => (e.Keys[0], e.Pose)).ToArray(),
                est.ToDictionary(e => e.Keys[0], e => e.Pose, StringComparer.Ordinal),
                thresholds);
            var binEntries = report.Bins.Select(b => (object)new[]
            {
                PoseEvalSupport.Entry("t_m", b.Threshold.TranslationM),
                PoseEvalSupport.Entry("r_deg", b.Threshold.RotationDeg),
                PoseEvalSupport.Entry("recall", b.RecallPercent),
            }).ToArray();
            parse.InvocationConfiguration.Output.WriteLine(JsonMetricWriter.Write(
            [
                PoseEvalSupport.Entry("queries", report.Queries),
                PoseEvalSupport.Entry("missing", report.Missing),
                PoseEvalSupport.Entry("bins", binEntries),
                PoseEvalSupport.Entry("median_t_m", report.MedianTranslationM),
                PoseEvalSupport.Entry("median_r_deg", report.MedianRotationDeg),
            ]));
            return 0;
        }));
        return command;
    }

    private static IReadOnlyList<LocalizationThreshold> ParseBins(string spec)
    {
        try
        {
            return LocalizationThreshold.Parse(spec);
        }
        catch (FormatException e)
        {
            throw new CliUsageException($"--bins: {e.Message}");
        }
    }
}
