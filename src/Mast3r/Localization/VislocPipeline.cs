using Mast3r.Datasets.Visloc;
using Mast3r.Geometry;
using Mast3r.Inference;
using Mast3r.Reproduction;
using OpenCvSharp;

namespace Mast3r.Localization;

/// <summary>One localized query.</summary>
internal sealed record VislocQueryResult(string Name, Pose? Estimate, int Correspondences, int Inliers);

/// <summary>
/// The coarse visloc pipeline of mast3r <c>visloc.py</c> (protocols.md §1.2), hloc-style one step per module:
/// pairs (retrieval file, top-k) → views (<see cref="VislocView"/>: dust3r_visloc get_resize_function on the normalised
/// float image) → predictor on (query, map) → reciprocal matching seeded at map pixels with 3-D →
/// 2-D/3-D correspondences in original query pixels → PnP. Correspondences per query are cached.
/// With <see cref="VislocSettings.CoarseToFine"/> the matching of a pair is <see cref="VislocCoarseToFine"/>;
/// <see cref="LocalizationMode.DirectRegression"/> replaces matching by <see cref="DirectRegressionLocalizer"/> (no cap).
/// PnP is run_pnp in <see cref="VislocSettings.PnpMode"/> (poselib by default: our port, <see cref="PoselibAbsolutePose"/>).
/// Deviation: the 100k cap subsamples with a fixed seed.
/// </summary>
internal sealed class VislocPipeline(IPairPredictor predictor, VislocSettings settings)
{
    internal sealed record Correspondences(double[] Pixels, double[] Points, int CropPairs = 0);

    public List<VislocQueryResult> Run(VislocDataset dataset, ResultCache cache, Action<string>? log = null)
    {
        var results = new List<VislocQueryResult>();
        foreach (var query in dataset.Queries)
        {
            var c = cache.GetOrCompute(query.Name, () => settings.Mode == LocalizationMode.DirectRegression
                ? Regress(dataset, query) : Correspond(dataset, query));
            var pose = Localize(c, query.Camera);
            results.Add(new VislocQueryResult(query.Name, pose.Pose, c.Pixels.Length / 2, pose.Inliers.Length));
            log?.Invoke($"{query.Name}: {c.Pixels.Length / 2} correspondences, {pose.Inliers.Length} inliers"
                + (settings.CoarseToFine ? $", {c.CropPairs} crop pairs" : "") + (pose.Failure is null ? "" : $" ({pose.Failure})"));
        }
        return results;
    }

    // visloc run_pnp with the official settings: threshold = ratio × diagonal of the original query image.
    private PoseEstimate Localize(Correspondences c, Datasets.CameraIntrinsics camera)
    {
        var world = new Point3d[c.Points.Length / 3];
        for (int i = 0; i < world.Length; i++) world[i] = new Point3d(c.Points[3 * i], c.Points[3 * i + 1], c.Points[3 * i + 2]);
        var pixels = new Point2d[c.Pixels.Length / 2];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = new Point2d(c.Pixels[2 * i], c.Pixels[2 * i + 1]);
        var options = PnpRansacOptions.Visloc(camera.Width, camera.Height, settings.ReprojectionDiagRatio, settings.PnpMode);
        return AbsolutePoseEstimator.Estimate(world, pixels, PinholeCamera.From(camera), options);
    }

    private Correspondences Correspond(VislocDataset dataset, VislocQuery query)
    {
        var q = VislocView.Load(query.ImagePath, settings.ImageSize);
        var fine = settings.CoarseToFine ? new VislocCoarseToFine(predictor, settings, query) : null;
        var pixels = new List<double>();
        var points = new List<double>();
        int cropPairs = 0;
        foreach (var mapName in dataset.Pairs[query.Name].Take(settings.TopK))
        {
            var map = dataset.MapImage(mapName);
            var m = VislocView.Load(map.ImagePath, settings.ImageSize);
            var pred = predictor.Predict(new[] { (q.Image, m.Image) })[0];
            if (fine is { Applies: true } && fine.Match(pred, q, m, map, pixels, points) is { } crops)
            {
                cropPairs += crops;
                continue;
            }
            // dust3r_visloc rescale_points3d: the map's sparse 3-D at network resolution through the view's to_resize.
            var raster = PointRaster.Project(map, m.Image.Width, m.Image.Height, m.ToNetwork);
            foreach (var (mapIdx, qIdx) in ReciprocalMatcher.Match(pred.View2, pred.View1, raster.ValidPixels(), settings.PixelTolerance, settings.DescConfThreshold))
            {
                var (x, y) = q.ToOriginal(qIdx % q.Image.Width, qIdx / q.Image.Width);
                pixels.Add(x); pixels.Add(y);
                foreach (double v in raster.Point(mapIdx)) points.Add(v);
            }
        }
        int n = pixels.Count / 2;
        if (n <= settings.MaxMatches) return new Correspondences(pixels.ToArray(), points.ToArray(), cropPairs);
        var order = Enumerable.Range(0, n).ToArray();
        new Random(settings.Seed).Shuffle(order);
        var keep = order.Take(settings.MaxMatches).Order().ToArray();
        return new Correspondences(keep.SelectMany(i => new[] { pixels[2 * i], pixels[2 * i + 1] }).ToArray(),
            keep.SelectMany(i => new[] { points[3 * i], points[3 * i + 1], points[3 * i + 2] }).ToArray(), cropPairs);
    }

    // Direct regression: the pair is (map, query) so that view 2's pointmap holds the query pixels in the map camera
    // frame (inferred pair order, DirectRegressionLocalizer); the map's camera→world pose moves them to the world.
    private Correspondences Regress(VislocDataset dataset, VislocQuery query)
    {
        var q = VislocView.Load(query.ImagePath, settings.ImageSize);
        var pixels = new List<double>();
        var points = new List<double>();
        foreach (var mapName in dataset.Pairs[query.Name].Take(settings.TopK))
        {
            var map = dataset.MapImage(mapName);
            var m = VislocView.Load(map.ImagePath, settings.ImageSize);
            var pred = predictor.Predict(new[] { (m.Image, q.Image) })[0];
            var c = DirectRegressionLocalizer.Regress(pred, map.WorldToCamera.Inverse(), q, settings.DirectRegression);
            pixels.AddRange(c.Pixels);
            points.AddRange(c.Points);
        }
        return new Correspondences(pixels.ToArray(), points.ToArray());
    }
}
