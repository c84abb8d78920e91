using Mast3r.Datasets.MapFree;
using Mast3r.Geometry;
using Mast3r.Localization;
using Mast3r.Reporting;
using Mast3r.Reproduction;
using Mast3r.Repro.Experiments.Framework;
using Xunit;

namespace Mast3r.Repro.Experiments.MapFree;

/// <summary>
/// Map-free relocalization (paper §4.2, Tables 1 and 2): matches (descriptors or 3-D points) → essential matrix →
/// metric scale from the predicted pointmap or the DPT-KITTI depth maps → query pose (or, <c>mode: direct-regression</c>,
/// PnP on the regressed pointmap); map-free metrics on val (public GT), submission ZIP + EXTERNAL on test.
/// </summary>
public sealed class MapFreeExperiment
{
    /// <summary>Rows from ExpectedResults/mapfree.yaml.</summary>
    public static IEnumerable<ITheoryDataRow> Rows => ExperimentRows.For("mapfree");

    /// <summary>Runs one row.</summary>
    [Theory]
    [MemberData(nameof(Rows))]
    public void Relocalize(string variant, string row)
    {
        var run = ExperimentRun.Start("mapfree", variant, row);
        // The synthetic row runs the defaults (feature matching, own depth); paper rows take match/depth from the YAML.
        var mode = LocalizationModes.Parse(run.Setting("mode", "matching"));
        var settings = new MapFreePipeline.Settings(ImageSize: run.IsSynthetic ? 256 : 512) { Mode = mode };
        if (run.Row is { } r)
        {
            if (r.Setting("model", "mast3r") != "mast3r")
                run.Unavailable("the MASt3R-M checkpoint (trained with L_match only) is not released");
            if (mode == LocalizationMode.Matching)
            {
                string match = r.Setting("match", MapFreePipeline.Settings.FeatMatch);
                if (match is not (MapFreePipeline.Settings.FeatMatch or MapFreePipeline.Settings.PointsMatch))
                    run.Unavailable($"'{match}' matching is not implemented in this suite");
                settings = settings with { Match = match, Depth = r.Setting("depth", MapFreePipeline.Settings.AutoDepth) };
                settings.Validate();
            }
        }
        string root = ExperimentInputs.DatasetDirectory(run);
        string split = run.Variant.Subset ?? "val";
        string splitDir = Path.Combine(root, split);
        var scenes = Directory.GetDirectories(splitDir, "s*").OrderBy(d => d, StringComparer.Ordinal).Select(MapFreeScene.Read).ToList();
        if (scenes.Count == 0) run.Unavailable($"no scenes (sNNNNN/) under {splitDir}");
        if (settings.Depth == MapFreePipeline.Settings.DptKittiDepth && MapFreeDepthMap.FirstMissing(scenes) is { } missingDepth)
            run.Unavailable($"DPT-KITTI depth not found: missing {missingDepth}. It is an optional download of the map-free dataset " +
                            "(nianticlabs/map-free-reloc: the DPT-KITTI depth maps, *.dptkitti.png next to each frame); unpack it into " + splitDir);
        var predictor = ExperimentInputs.Predictor(run, root);
        string fingerprint = ResultCache.Fingerprint(scenes.SelectMany(s => new[] { Path.Combine(s.Directory, "intrinsics.txt"), Path.Combine(s.Directory, "poses.txt") }));
        run.Note("dataset_fingerprint", fingerprint);
        run.Note("settings", settings.CacheText());
        var cache = run.OpenCache(fingerprint, settings.CacheText());
        var estimates = new MapFreePipeline(predictor, settings).Run(scenes, cache);
        string submission = run.ArtifactPath("submissions", "submission.zip");
        MapFreePipeline.WriteSubmission(submission, estimates);
        var problems = MapFreePipeline.ValidateSubmission(submission, scenes.Select(s => s.Id));

        // Hidden test GT: synthetic layouts keep theirs in test_ground_truth/ for the embedded suite only.
        var frames = new List<MapFreeMetrics.Frame>();
        foreach (var e in estimates)
        {
            var gt = e.Frame.Pose ?? (run.IsSynthetic ? SyntheticTruth(root, e.Scene, e.Frame.Name) : null);
            if (gt is not null) frames.Add(new MapFreeMetrics.Frame(e.Scene, gt, e.Estimate, e.Confidence, e.Frame.Camera));
        }
        var table = new CsvTable(new[] { "scene", "frame", "matches", "confidence", "t_err_m", "r_err_deg", "vcre_px" });
        foreach (var e in estimates)
        {
            var f = frames.FirstOrDefault(x => x.Scene == e.Scene && ReferenceEquals(x.K, e.Frame.Camera));
            var err = f is not null && e.Estimate is not null ? MapFreeMetrics.Errors(f.GroundTruth, e.Estimate, f.K) : null;
            table.AddRow(e.Scene, e.Frame.Name, e.Matches, e.Confidence, err?.Translation ?? double.NaN, err?.RotationDeg ?? double.NaN, err?.Vcre ?? double.NaN);
        }
        run.WriteTable(table, frames.Count > 0 ? new[] { "t_err_m", "r_err_deg", "vcre_px" } : Array.Empty<string>(), "frame");
        if (!run.IsSynthetic && run.Variant.IsHidden)
        {
            run.CompleteExternal(submission, problems);
            return;
        }
        Assert.Empty(problems);
        run.Complete(MapFreeMetrics.Aggregate(frames));
    }

    private static Pose? SyntheticTruth(string root, string scene, string frame)
    {
        string path = Path.Combine(root, "test_ground_truth", scene, "poses.txt");
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split(' ');
            if (f[0] != frame) continue;
            var v = f.Skip(1).Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return Pose.FromQuaternion(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }
        throw new InvalidDataException($"{path}: no ground truth for {frame}");
    }
}
