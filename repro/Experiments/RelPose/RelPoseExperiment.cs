using System.Globalization;
using Mast3r.Alignment;
using Mast3r.Metrics;
using Mast3r.Reporting;
using Mast3r.Reproduction;
using Mast3r.Repro.Experiments.Framework;
using Xunit;

namespace Mast3r.Repro.Experiments.RelPose;

/// <summary>
/// CO3Dv2 / RealEstate10K multi-view pose from pairwise essential matrices (paper §4.3, Table 3 left; protocols.md §3):
/// sequences → 10 sampled frames → all pairs → predictor → matches → essential matrix with focals from the pointmaps
/// → world→camera poses file → PoseDiffusion RRA@15 / RTA@15 / mAA(30).
/// </summary>
public sealed class RelPoseExperiment
{
    /// <summary>Rows from ExpectedResults/relpose.yaml.</summary>
    public static IEnumerable<ITheoryDataRow> Rows => ExperimentRows.For("relpose");

    /// <summary>Runs one row.</summary>
    [Theory]
    [MemberData(nameof(Rows))]
    public void EstimatePoses(string variant, string row)
    {
        var run = ExperimentRun.Start("relpose", variant, row);
        if (run.Row is { } r && r.Setting("pose", "essential-matrix") != "essential-matrix")
            run.Unavailable($"pose recovery '{r.Setting("pose", "")}' is not implemented (only the paper's pairwise essential matrix)");
        string root = ExperimentInputs.DatasetDirectory(run);
        int framesPerSequence = int.Parse(run.Row?.Setting("frames_per_sequence", "10") ?? "10", CultureInfo.InvariantCulture);
        var sequences = ReadSequences(run, root).Select(s => s.Sample(framesPerSequence, seed: 0)).ToList();
        if (sequences.Count == 0) run.Unavailable($"no evaluable sequences under {root}");
        var predictor = ExperimentInputs.Predictor(run, root);

        var settings = new PairwisePosePipeline.Settings(ImageSize: run.IsSynthetic ? 256 : 512);
        string fingerprint = ResultCache.Fingerprint(MetadataFiles(run, root));
        run.Note("dataset_fingerprint", fingerprint);
        run.Note("settings", settings.CacheText() + $" frames={framesPerSequence} sampling=System.Random(seed 0 + name hash)");
        run.Note("sequences", sequences.Count.ToString(CultureInfo.InvariantCulture));
        var cache = run.OpenCache(fingerprint, settings.CacheText());
        var estimates = new PairwisePosePipeline(predictor, settings).Run(sequences, cache);
        string posesFile = run.ArtifactPath("submissions", "pair_poses.txt");
        PairPoseFile.Write(posesFile, estimates);
        var pairs = PairPoseFile.Read(posesFile, estimates);
        var report = MultiViewPoseEvaluator.Evaluate(pairs);

        var table = new CsvTable(new[] { "sequence", "frame_i", "frame_j", "matches", "inliers", "focal_i_px", "focal_j_px", "r_err_deg", "t_err_deg" });
        foreach (var (e, p) in estimates.Zip(pairs))
        {
            var (rot, trans) = MultiViewPoseAccuracy.PairErrors(p.Frames[0].Truth, p.Frames[1].Truth, p.Frames[0].Estimate, p.Frames[1].Estimate);
            table.AddRow(e.Sequence, e.First.Name, e.Second.Name, e.Matches, e.Inliers, e.FocalFirst, e.FocalSecond, rot, trans);
        }
        run.WriteTable(table, new[] { "r_err_deg", "t_err_deg" }, "pair");
        run.Note("categories", string.Join(", ", report.PerCategory.Select(kv =>
            string.Create(CultureInfo.InvariantCulture, $"{kv.Key}: RRA {kv.Value.Rra15:F1} RTA {kv.Value.Rta15:F1} mAA {kv.Value.Maa30:F1} ({kv.Value.Pairs} pairs)"))));
        run.Complete(new Dictionary<string, double>
        {
            ["rra_15"] = report.Overall.Rra15, ["rta_15"] = report.Overall.Rta15, ["maa_30"] = report.Overall.Maa30,
        });
    }

    private static List<RelPoseSequence> ReadSequences(ExperimentRun run, string root)
    {
        if (run.Variant.Dataset == "re10k")
        {
            var result = Re10kSequenceReader.Read(root);
            run.Note("re10k_missing_clips", result.MissingClips.Count.ToString(CultureInfo.InvariantCulture));
            return result.Sequences;
        }
        var present = Co3dSequenceReader.Categories.Where(c => File.Exists(Path.Combine(root, c, "frame_annotations.jgz"))).ToList();
        if (!run.IsSynthetic && present.Count < Co3dSequenceReader.Categories.Count)
            run.Unavailable($"CO3Dv2 categories missing under {root}: {string.Join(", ", Co3dSequenceReader.Categories.Except(present).Take(5))}" +
                            $" (all 41 PoseDiffusion categories are averaged; protocols.md §3.2)");
        // PoseDiffusion's min_num_images = 50; the synthetic sequences have five views.
        int minFrames = run.IsSynthetic ? 2 : 50;
        return present.SelectMany(c => Co3dSequenceReader.ReadCategory(root, c, minFrames)).ToList();
    }

    // The annotation files (not the images): CO3D's three per category, RealEstate10K's id list and camera files.
    private static IEnumerable<string> MetadataFiles(ExperimentRun run, string root) => run.Variant.Dataset == "re10k"
        ? Directory.EnumerateFiles(Path.Combine(root, "test"), "*.txt").Order(StringComparer.Ordinal).Prepend(Path.Combine(root, Re10kSequenceReader.IdList))
        : Co3dSequenceReader.Categories.Where(c => Directory.Exists(Path.Combine(root, c))).SelectMany(c => new[]
            { Path.Combine(root, c, "frame_annotations.jgz"), Path.Combine(root, c, "sequence_annotations.jgz"), Path.Combine(root, c, Co3dSequenceReader.SetList) });
}
