using Mast3r.Datasets.Visloc;
using Mast3r.Geometry;
using Mast3r.Localization;
using Mast3r.Reporting;
using Mast3r.Reproduction;
using Mast3r.Repro.Experiments.Framework;
using Xunit;
using Mast3r.Metrics;

namespace Mast3r.Repro.Experiments.Visloc;

/// <summary>
/// Visual localization (paper §4.4, Table 4, Table 5 Aachen): predictor → retrieval pairs → reciprocal matching →
/// PnP → % of queries within the benchmark's bins; <c>mode: direct-regression</c> rows replace matching by PnP on the
/// regressed pointmap (<see cref="DirectRegressionLocalizer"/>). Aachen/InLoc GT is hidden: the row writes the
/// visuallocalization.net submission and reports EXTERNAL. Cambridge / 7-Scenes and all synthetic rows are scored locally.
/// </summary>
public sealed class VislocExperiment
{
    /// <summary>Rows from ExpectedResults/visloc.yaml.</summary>
    public static IEnumerable<ITheoryDataRow> Rows => ExperimentRows.For("visloc");

    /// <summary>Runs one row.</summary>
    [Theory]
    [MemberData(nameof(Rows))]
    public void Localize(string variant, string row)
    {
        var run = ExperimentRun.Start("visloc", variant, row);
        string dir = ExperimentInputs.DatasetDirectory(run, SyntheticDatasetKey(run));
        var predictor = ExperimentInputs.Predictor(run, dir);
        var dataset = Open(run, dir);
        var settings = Settings(run);
        string fingerprint = ResultCache.Fingerprint(dataset.MetadataFiles);
        run.Note("dataset_fingerprint", fingerprint);
        run.Note("settings", settings.CacheText());
        var cache = run.OpenCache(fingerprint, settings.CacheText());
        var results = new VislocPipeline(predictor, settings).Run(dataset, cache, run.Progress);
        run.Note("cache_hits", cache.Hits.ToString(System.Globalization.CultureInfo.InvariantCulture));

        string submission = run.ArtifactPath("submissions", $"{settings.Label()}_ltvl.txt");
        VislocSubmission.Write(submission, results.Select(q => (q.Name, q.Estimate)));
        var problems = VislocSubmission.Validate(submission, dataset.Queries.Select(q => q.Name).ToList());

        var errors = results.Select(q => dataset.Queries.First(x => x.Name == q.Name).GroundTruth is { } gt
            ? VislocEvaluator.QueryErrors(q.Estimate, gt) : (double.NaN, double.NaN)).ToList();
        var table = new CsvTable(new[] { "query", "correspondences", "inliers", "t_err_m", "r_err_deg" });
        foreach (var (q, e) in results.Zip(errors)) table.AddRow(q.Name, q.Correspondences, q.Inliers, e.Item1, e.Item2);
        run.WriteTable(table, run.IsSynthetic || !run.Variant.IsHidden ? new[] { "t_err_m", "r_err_deg" } : Array.Empty<string>());

        if (!run.IsSynthetic && run.Variant.IsHidden)
        {
            run.CompleteExternal(submission, problems);
            return;
        }
        Assert.Empty(problems);
        run.Complete(VislocMetrics.Compute(errors));
    }

    // Paper rows: the README flags of the row (network 512). Synthetic rows: 192×144 images, so the network size is the
    // image size (coarse mode) unless the YAML's synthetic settings pick a smaller network to exercise coarse-to-fine.
    private static VislocSettings Settings(ExperimentRun run)
    {
        int Int(string key, string fallback) => int.Parse(run.Setting(key, fallback), System.Globalization.CultureInfo.InvariantCulture);
        // Synthetic images are 192×144: the synthetic network size defaults to the image size (the paper uses 512).
        return new VislocSettings(TopK: Int("topk", run.IsSynthetic ? "2" : "20"), ImageSize: run.IsSynthetic ? Int("network_size", "192") : 512)
        {
            CoarseToFine = run.Setting("coarse_to_fine", "false") == "true",
            CropWithHomography = run.Setting("crop_with_homography", "false") == "true",
            MaxImageSize = run.Setting("max_image_size", "") is { Length: > 0 } m ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : null,
            Mode = LocalizationModes.Parse(run.Setting("mode", "matching")),
            PnpMode = ParsePnpMode(run.Setting("pnp_mode", "poselib")),
        };
    }

    // visloc.py --pnp_mode: every README command uses poselib; cv2 is the other implemented back-end.
    private static PnpMode ParsePnpMode(string value) => value switch
    {
        "poselib" => PnpMode.Poselib,
        "cv2" => PnpMode.Cv2,
        _ => throw new ArgumentException($"visloc setting 'pnp_mode' must be 'poselib' or 'cv2', got '{value}'"),
    };

    // The synthetic suite covers the visloc pipeline on the layouts it can generate.
    private static string? SyntheticDatasetKey(ExperimentRun run) => run.IsSynthetic ? run.Variant.Dataset : null;

    private static VislocDataset Open(ExperimentRun run, string dir) => run.Variant.Dataset switch
    {
        "aachen" => VislocDataset.OpenAachen(dir, run.Variant.Subset ?? "all"),
        "cambridge" => VislocDataset.OpenCambridge(dir, "ShopFacade"),
        "7scenes" => VislocDataset.OpenSevenScenes(dir, "chess"),
        "inloc" => VislocDataset.OpenInLoc(dir),
        _ => Unsupported(run),
    };

    private static VislocDataset Unsupported(ExperimentRun run)
    {
        run.Unavailable($"the '{run.Variant.Dataset}' visloc reader is not implemented");
        throw new InvalidOperationException("unreachable");
    }
}
