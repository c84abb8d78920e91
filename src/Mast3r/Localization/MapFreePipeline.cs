using System.Globalization;
using System.IO.Compression;
using Mast3r.Datasets.MapFree;
using Mast3r.Geometry;
using Mast3r.Inference;
using Mast3r.Reproduction;

namespace Mast3r.Localization;

/// <summary>One estimated map-free query frame (world = reference camera; confidence = essential-matrix inliers).</summary>
internal sealed record MapFreeEstimate(string Scene, MapFreeFrame Frame, Pose? Estimate, double Confidence, int Matches);

/// <summary>
/// Map-free relocalization as in paper §4.2 (protocols.md §2.6): predictor on (reference, query) → reciprocal matching
/// seeded on an 8-px grid of the reference (≈ 3000 seeds at 512×384; iterated until the cycles converge) of the
/// descriptors ("feat") or of the two pointmaps in 3-D ("3d", <see cref="PointmapMatching"/>) → essential matrix with
/// both intrinsics → metric scale from the reference's predicted 3-D points ("auto" depth) or from the DPT-KITTI depth
/// maps of both frames ("dpt-kitti", <see cref="DepthMetricScale"/>) → query pose. Matches per frame are cached.
/// <see cref="LocalizationMode.DirectRegression"/> (Table 2 "direct reg."): PnP on the query's regressed pointmap in the
/// reference frame (= the world) instead (<see cref="DirectRegressionLocalizer"/>); confidence = PnP inliers.
/// </summary>
internal sealed class MapFreePipeline(IPairPredictor predictor, MapFreePipeline.Settings settings)
{
    internal sealed record Settings(int ImageSize = 512, int SeedStride = 8, double DescConfThreshold = 1.001, double EssentialThresholdPx = 1.0,
        string Match = Settings.FeatMatch, string Depth = Settings.AutoDepth, double PointConfThreshold = 1.001)
    {
        /// <summary>Matching (default) or direct regression.</summary>
        public LocalizationMode Mode { get; init; } = LocalizationMode.Matching;

        /// <summary>Pixel selection of the direct-regression mode.</summary>
        public DirectRegressionSettings DirectRegression { get; init; } = new();

        // PnP threshold of the direct-regression mode: the visloc ratio of the query diagonal (540×720 → 7.2 px; inferred).
        public double ReprojectionDiagRatio { get; init; } = PnpRansacOptions.VislocDiagonalRatio;

        public const string FeatMatch = "feat", PointsMatch = "3d", AutoDepth = "auto", DptKittiDepth = "dpt-kitti";

        public string CacheText() => string.Create(CultureInfo.InvariantCulture,
            $"mapfree/v3 size={ImageSize} stride={SeedStride} conf={DescConfThreshold} ethr={EssentialThresholdPx} match={Match} " +
            $"pconf={PointConfThreshold} depth={Depth} band={DepthMetricScale.DefaultBand}")
            + (Mode == LocalizationMode.DirectRegression
                ? string.Create(CultureInfo.InvariantCulture, $" mode=direct-regression {DirectRegression.CacheText()} diag={ReprojectionDiagRatio}") : "");

        /// <summary>Rejects an unknown match or depth mode, naming the setting.</summary>
        public void Validate()
        {
            if (Match is not (FeatMatch or PointsMatch)) throw new ArgumentException($"map-free setting 'match': unknown mode '{Match}' (expected {FeatMatch} or {PointsMatch})");
            if (Depth is not (AutoDepth or DptKittiDepth)) throw new ArgumentException($"map-free setting 'depth': unknown source '{Depth}' (expected {AutoDepth} or {DptKittiDepth})");
        }
    }

    internal sealed record Matches(double[] Px0, double[] Px1, double[] Points0);

    public List<MapFreeEstimate> Run(IEnumerable<MapFreeScene> scenes, ResultCache cache)
    {
        settings.Validate();
        var results = new List<MapFreeEstimate>();
        foreach (var scene in scenes)
        {
            var reference = NetworkImage.Load(Path.Combine(scene.Directory, scene.Reference.Name), settings.ImageSize);
            var referenceDepth = settings.Depth == Settings.DptKittiDepth ? MapFreeDepthMap.ReadFrame(scene.Directory, scene.Reference) : null;
            foreach (var frame in scene.EvaluatedQueries)
            {
                if (settings.Mode == LocalizationMode.DirectRegression)
                {
                    var c = cache.GetOrCompute($"{scene.Id}/{frame.Name}", () => Regress(scene, reference, frame));
                    var est = DirectRegressionLocalizer.Solve(c, frame.Camera, settings.ReprojectionDiagRatio);
                    results.Add(new MapFreeEstimate(scene.Id, frame, est.Pose, est.Inliers.Length, c.Count));
                    continue;
                }
                var m = cache.GetOrCompute($"{scene.Id}/{frame.Name}", () => Match(scene, reference, frame));
                var rel = RelativePose.Estimate(m.Px0, m.Px1, scene.Reference.Camera, frame.Camera, settings.EssentialThresholdPx);
                Pose? pose = null;
                if (rel.Success)
                {
                    double s = referenceDepth is null ? RelativePose.MetricScale(rel, m.Points0, m.Px1, frame.Camera)
                        : DepthMetricScale.Estimate(rel, m.Px0, m.Px1, scene.Reference.Camera, frame.Camera, referenceDepth,
                            MapFreeDepthMap.ReadFrame(scene.Directory, frame));
                    if (double.IsFinite(s)) pose = RelativePose.Scaled(rel.Pose!, s);
                }
                results.Add(new MapFreeEstimate(scene.Id, frame, pose, rel.Inliers.Length, m.Px0.Length / 2));
            }
        }
        return results;
    }

    private Matches Match(MapFreeScene scene, NetworkImage reference, MapFreeFrame frame)
    {
        var query = NetworkImage.Load(Path.Combine(scene.Directory, frame.Name), settings.ImageSize);
        var pred = predictor.Predict(new[] { (reference.Image, query.Image) })[0];
        int w = reference.Image.Width;
        var px0 = new List<double>();
        var px1 = new List<double>();
        var pts = new List<double>();
        var pairs = settings.Match == Settings.PointsMatch
            ? PointmapMatching.MatchGrid(pred.View1, pred.View2, settings.SeedStride, settings.PointConfThreshold)
            : ReciprocalMatcher.MatchGrid(pred.View1, pred.View2, settings.SeedStride, settings.DescConfThreshold);
        foreach (var (a, b) in pairs)
        {
            var (x0, y0) = reference.ToOriginal(a % w, a / w);
            var (x1, y1) = query.ToOriginal(b % query.Image.Width, b / query.Image.Width);
            px0.Add(x0); px0.Add(y0); px1.Add(x1); px1.Add(y1);
            pts.Add(pred.View1.Pts3d[3 * a]); pts.Add(pred.View1.Pts3d[3 * a + 1]); pts.Add(pred.View1.Pts3d[3 * a + 2]);
        }
        return new Matches(px0.ToArray(), px1.ToArray(), pts.ToArray());
    }

    // (reference, query): view 2's pointmap is the query in the reference camera frame, which is the map-free world.
    private DirectRegressionLocalizer.Correspondences Regress(MapFreeScene scene, NetworkImage reference, MapFreeFrame frame)
    {
        var query = NetworkImage.Load(Path.Combine(scene.Directory, frame.Name), settings.ImageSize);
        var pred = predictor.Predict(new[] { (reference.Image, query.Image) })[0];
        var referenceToWorld = (scene.Reference.Pose ?? Pose.Identity).Inverse();
        return DirectRegressionLocalizer.Regress(pred, referenceToWorld, query, settings.DirectRegression);
    }

    /// <summary>Writes the benchmark submission ZIP: <c>pose_sNNNNN.txt</c> per scene, lines
    /// <c>seq1/frame_NNNNN.jpg qw qx qy qz tx ty tz confidence</c> (protocols.md §2.5); failed frames are omitted.</summary>
    public static void WriteSubmission(string zipPath, IEnumerable<MapFreeEstimate> estimates)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        string tmp = zipPath + ".tmp";
        using (var zip = ZipFile.Open(tmp, ZipArchiveMode.Create))
            foreach (var scene in estimates.GroupBy(e => e.Scene))
            {
                using var w = new StreamWriter(zip.CreateEntry($"pose_{scene.Key}.txt").Open());
                foreach (var e in scene.Where(e => e.Estimate is not null))
                {
                    var (qw, qx, qy, qz) = e.Estimate!.ToQuaternion();
                    var t = e.Estimate.Translation;
                    w.WriteLine(e.Frame.Name + " " + string.Join(' ', new[] { qw, qx, qy, qz, t[0], t[1], t[2], e.Confidence }
                        .Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
                }
            }
        File.Move(tmp, zipPath, overwrite: true);
    }

    /// <summary>Problems of a submission ZIP (empty when every scene file is present and every line is well-formed).</summary>
    public static List<string> ValidateSubmission(string zipPath, IEnumerable<string> sceneIds)
    {
        var problems = new List<string>();
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var id in sceneIds)
        {
            var entry = zip.GetEntry($"pose_{id}.txt");
            if (entry is null) { problems.Add($"{zipPath}: pose_{id}.txt is missing"); continue; }
            using var r = new StreamReader(entry.Open());
            int n = 0;
            for (string? line = r.ReadLine(); line is not null; line = r.ReadLine())
            {
                n++;
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length != 9 || !f.Skip(1).All(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)))
                    problems.Add($"{zipPath}: pose_{id}.txt line {n} is malformed");
            }
            if (n == 0) problems.Add($"{zipPath}: pose_{id}.txt has no estimate");
        }
        return problems;
    }
}
