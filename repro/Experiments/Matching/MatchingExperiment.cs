using Mast3r.Datasets.MapFree;
using Mast3r.Datasets.Synthetic;
using Mast3r.Localization;
using Mast3r.Reporting;
using Mast3r.Repro.Experiments.Framework;
using Xunit;

namespace Mast3r.Repro.Experiments.Matching;

/// <summary>
/// Dense matching of one image pair with a figure of the matches. The paper has no matching table
/// (expected-results.md §7), so only the synthetic row has expectations: the share of matches that land within
/// 1 px of the true correspondence (known exactly from the synthetic scene) and the match count.
/// </summary>
public sealed class MatchingExperiment
{
    /// <summary>Rows from ExpectedResults/matching.yaml.</summary>
    public static IEnumerable<ITheoryDataRow> Rows => ExperimentRows.For("matching");

    /// <summary>Runs one row.</summary>
    [Theory]
    [MemberData(nameof(Rows))]
    public void MatchPair(string variant, string row)
    {
        var run = ExperimentRun.Start("matching", variant, row);
        // The synthetic demo pair: reference and first query of the first synthetic map-free scene.
        string root = ExperimentInputs.DatasetDirectory(run, "mapfree");
        var predictor = ExperimentInputs.Predictor(run, root);
        var scene = MapFreeScene.Read(Directory.GetDirectories(Path.Combine(root, "val")).OrderBy(d => d, StringComparer.Ordinal).First());
        string path0 = Path.Combine(scene.Directory, scene.Reference.Name), path1 = Path.Combine(scene.Directory, scene.Queries[0].Name);
        var im0 = NetworkImage.Load(path0, 256);
        var im1 = NetworkImage.Load(path1, 256);
        var pred = predictor.Predict(new[] { (im0.Image, im1.Image) })[0];
        int w0 = im0.Image.Width, h0 = im0.Image.Height, w1 = im1.Image.Width;
        var seeds = new List<int>();
        for (int v = 4; v < h0; v += 8)
            for (int u = 4; u < w0; u += 8)
                seeds.Add(v * w0 + u);
        var matches = ReciprocalMatcher.Match(pred.View1, pred.View2, seeds, 1.0, 1.001);

        // Ground truth: project the seed's exact 3-D point (view 1 frame) into view 2.
        var manifest = SyntheticManifest.Load(root);
        var cam0 = manifest.Find(path0)!;
        var cam1 = manifest.Find(path1)!;
        var oneToTwo = cam1.WorldToCamera.Compose(cam0.WorldToCamera.Inverse());
        var k1 = im1.NetworkIntrinsics(cam1.Intrinsics);
        var errors = matches.Select(m =>
        {
            var p = oneToTwo.Apply(new double[] { pred.View1.Pts3d[3 * m.A], pred.View1.Pts3d[3 * m.A + 1], pred.View1.Pts3d[3 * m.A + 2] });
            double u = k1.Fx * p[0] / p[2] + k1.Cx, v = k1.Fy * p[1] / p[2] + k1.Cy;
            return Math.Sqrt(Math.Pow(u - m.B % w1, 2) + Math.Pow(v - m.B / w1, 2));
        }).ToList();
        run.Note("pair", $"{path0} ↔ {path1}");
        var table = new CsvTable(new[] { "x0", "y0", "x1", "y1", "err_px" });
        foreach (var (m, e) in matches.Zip(errors)) table.AddRow(m.A % w0, m.A / w0, m.B % w1, m.B / w1, e);
        run.WriteTable(table, new[] { "err_px" }, "match");
        string figure = run.ArtifactPath("figures", "matches.png");
        MatchFigure.Save(figure, im0.Image, im1.Image, matches);
        run.Note("figure", figure);
        run.Complete(new Dictionary<string, double>
        {
            ["pct_matches_within_1px"] = errors.Count == 0 ? 0 : 100.0 * errors.Count(e => e <= 1.0) / errors.Count,
            ["match_count"] = matches.Count,
        });
    }
}
