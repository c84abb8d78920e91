using System.CommandLine;
using Mast3r.Geometry;
using Mast3r.Metrics;

namespace Mast3r.Cli.Commands.Eval;

/// <summary>
/// `mast3r eval relpose`: CO3Dv2 / RealEstate10K pairwise pose accuracy (protocols.md §3.3).
/// </summary>
internal sealed class RelposeEvalCommand : IEvalSubcommand
{
    public Command Build()
    {
        var estimates = PoseEvalSupport.RequiredPath("--estimates", "Estimated poses, lines 'sequence frame qw qx qy qz tx ty tz' (world→camera).");
        var gt = PoseEvalSupport.RequiredPath("--gt", "Ground-truth poses in the same format; its frames, in file order, define the evaluated pairs.");
        var command = new Command("relpose",
            "RRA@15, RTA@15 and mAA(30) in percent over all pairs i<j of frames within each sequence (ground-truth order). " +
            "Category = sequence name up to its first '/'; scores are computed per category and averaged without weights. " +
            "Translation errors are sign- and scale-free; a frame without an estimate fails all its pairs. Prints JSON.")
        {
            estimates, gt,
        };
        command.SetAction(parse => UsageErrorGuard.Run(parse, () =>
        {
            string gtPath = parse.GetValue(gt)!;
            var truth = PoseEvalSupport.Read(gtPath, PoseTextFile.ReadSequenceFrames);
            var est = PoseEvalSupport.Read(parse.GetValue(estimates)!, PoseTextFile.ReadSequenceFrames)
                .ToDictionary(e => (e.Keys[0], e.Keys[1]), e => e.Pose);
            if (truth.Count == 0) throw new CliUsageException($"{gtPath}: no frames");

            var sequences = truth.GroupBy(e => e.Keys[0], StringComparer.Ordinal)
                .Select(g => new PoseSequence(g.Key, g.Select(e => (e.Keys[1], e.Pose, est.GetValueOrDefault((e.Keys[0], e.Keys[1])))).ToArray()))
                .ToArray();
            MultiViewPoseReport report;
            try
            {
                report = MultiViewPoseEvaluator.Evaluate(sequences);
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException($"{gtPath}: {e.Message}");
            }
            var perCategory = report.PerCategory.Select(kv => PoseEvalSupport.Entry(kv.Key, Scores(kv.Value).ToArray())).ToArray();
            parse.InvocationConfiguration.Output.WriteLine(JsonMetricWriter.Write(
                Scores(report.Overall).Append(PoseEvalSupport.Entry("per_category", perCategory))));
            return 0;
        }));
        return command;
    }

    private static IEnumerable<KeyValuePair<string, object>> Scores(MultiViewPoseScores s) =>
    [
        PoseEvalSupport.Entry("RRA@15", s.Rra15),
        PoseEvalSupport.Entry("RTA@15", s.Rta15),
        PoseEvalSupport.Entry("mAA(30)", s.Maa30),
        PoseEvalSupport.Entry("pairs", s.Pairs),
    ];
}
