using System.Globalization;
using Mast3r.IO;
using Mast3r.Metrics.Dtu;
using Mast3r.Mvs;
using Mast3r.Reporting;
using Mast3r.Reproduction;
using Mast3r.Repro.Experiments.Framework;
using Xunit;

namespace Mast3r.Repro.Experiments.Mvs;

/// <summary>
/// DTU zero-shot MVS (paper §4.5, Table 3 right, Table 5; protocols.md §4): one-versus-all matching → triangulation
/// with the GT cameras (<see cref="TriangulationMvs"/>) → PLY per scan → official accuracy / completeness / overall
/// (<see cref="DtuEvaluation"/>), averaged over scans.
/// </summary>
public sealed class MvsExperiment
{
    /// <summary>Rows from ExpectedResults/mvs.yaml.</summary>
    public static IEnumerable<ITheoryDataRow> Rows => ExperimentRows.For("mvs");

    /// <summary>Runs one row.</summary>
    [Theory]
    [MemberData(nameof(Rows))]
    public void Reconstruct(string variant, string row)
    {
        var run = ExperimentRun.Start("mvs", variant, row);
        string root = ExperimentInputs.DatasetDirectory(run);
        var scans = run.IsSynthetic ? DtuScan.Available(root) : DtuScan.TestScans.ToList();
        var missing = scans.Where(s => !Directory.Exists(Path.Combine(root, "Rectified", $"scan{s}")) || !File.Exists(DtuFiles.StlPath(root, s))
                                       || !File.Exists(DtuFiles.ObsMaskPath(root, s))).ToList();
        if (missing.Count > 0 || scans.Count == 0)
            run.Unavailable($"DTU scans missing under {root}: {string.Join(", ", missing.Take(6))} (images Rectified/scanN, Points/stl/stlNNN_total.ply, ObsMask/ObsMaskN_10.mat; protocols.md §4.1)");
        var predictor = ExperimentInputs.Predictor(run, root);

        // Synthetic views are 256×192: the synthetic network size defaults to the image size (the paper uses 512);
        // the synthetic coarse-to-fine row uses 128 so that the views tile, as 512 tiles DTU's 1600×1200.
        var settings = new TriangulationMvs.Settings(
            ImageSize: int.Parse(run.Setting("network_size", run.IsSynthetic ? "256" : "512"), CultureInfo.InvariantCulture),
            CoarseToFine: run.Setting("coarse_to_fine", "false") == "true");
        var calibration = Directory.EnumerateFiles(Path.Combine(root, "Calibration", "cal18"), "pos_*.txt").Order(StringComparer.Ordinal);
        string fingerprint = ResultCache.Fingerprint(calibration.Concat(scans.SelectMany(s => new[] { DtuFiles.ObsMaskPath(root, s), DtuFiles.PlanePath(root, s) })));
        run.Note("dataset_fingerprint", fingerprint);
        run.Note("settings", settings.CacheText() + " " + settings.FilterText());
        run.Note("scans", string.Join(" ", scans));
        var cache = run.OpenCache(fingerprint, settings.CacheText());
        var mvs = new TriangulationMvs(predictor, settings);
        var table = new CsvTable(new[] { "scan", "points", "reduced", "in_mask", "accuracy_mm", "completeness_mm", "overall_mm" });
        var pairTable = new List<string>();
        var results = new List<DtuResult>();
        foreach (int s in scans)
        {
            var scan = DtuScan.Read(root, s);
            var (points, pairs) = mvs.Run(scan, cache);
            PlyWriter.WriteVertices(run.ArtifactPath("submissions", string.Create(CultureInfo.InvariantCulture, $"mast3r{s:D3}_l3.ply")), points);
            var (mask, plane, reference) = DtuFiles.LoadScan(root, s);
            var res = DtuEvaluation.Evaluate(points, reference, mask, plane);
            results.Add(res);
            table.AddRow(s, res.PredictedPoints, res.ReducedPoints, res.InMaskPoints, res.Accuracy, res.Completeness, res.Overall);
            pairTable.Add(string.Create(CultureInfo.InvariantCulture, $"scan{s}: {pairs.Sum(p => p.Kept)}/{pairs.Sum(p => p.Matches)} matches kept over {pairs.Count} pairs"));
        }
        run.WriteTable(table, new[] { "accuracy_mm", "completeness_mm" }, "scan");
        run.Note("triangulation", string.Join("; ", pairTable));
        run.Complete(new Dictionary<string, double>
        {
            ["accuracy"] = results.Average(x => x.Accuracy),
            ["completeness"] = results.Average(x => x.Completeness),
            ["overall"] = results.Average(x => x.Overall),
        });
    }
}
