using System.Globalization;
using Mast3r.Datasets;
using Mast3r.Geometry;
using Mast3r.Inference;
using Mast3r.Localization;
using Mast3r.Reproduction;

namespace Mast3r.Alignment;

/// <summary>The estimated relative pose of frame <see cref="Second"/> in the camera frame of <see cref="First"/> (null = failed).</summary>
internal sealed record PairPoseEstimate(string Sequence, RelPoseFrame First, RelPoseFrame Second, Pose? Relative, int Matches, int Inliers,
    double FocalFirst, double FocalSecond);

/// <summary>
/// MASt3R's pairwise protocol of paper §4.3 (protocols.md §3.1): for every pair i &lt; j of a sequence, predictor on
/// (i, j) → reciprocal matching on a pixel grid → essential matrix with intrinsics estimated from each frame's own
/// pointmap (<see cref="PointmapFocal"/>, principal point at the centre; no GT focals) → relative rotation and
/// translation direction. No global alignment. A frame's focal comes from a prediction where it is the first view
/// (the pair (i, i+1); the last frame from one extra pair (last, first)). Matches per pair are cached.
/// </summary>
internal sealed class PairwisePosePipeline(IPairPredictor predictor, PairwisePosePipeline.Settings settings)
{
    internal sealed record Settings(int ImageSize = 512, int SeedStride = 8, double DescConfThreshold = 1.001, double EssentialThresholdPx = 1.0)
    {
        public string CacheText() => string.Create(CultureInfo.InvariantCulture,
            $"relpose/v1 size={ImageSize} stride={SeedStride} conf={DescConfThreshold} ethr={EssentialThresholdPx}");
    }

    internal sealed record PairItem(double[] PxA, double[] PxB, double FocalA, int Width, int Height, int WidthB, int HeightB);

    public List<PairPoseEstimate> Run(IEnumerable<RelPoseSequence> sequences, ResultCache cache)
    {
        var results = new List<PairPoseEstimate>();
        foreach (var seq in sequences)
        {
            var f = seq.Frames;
            if (f.Count < 2) throw new InvalidDataException($"sequence {seq.Name} has {f.Count} frame(s); pairs need at least 2");
            var items = new Dictionary<(int, int), PairItem>();
            for (int i = 0; i < f.Count; i++)
                for (int j = i + 1; j < f.Count; j++)
                    items[(i, j)] = Item(cache, seq, i, j);
            var closing = Item(cache, seq, f.Count - 1, 0);
            var focal = Enumerable.Range(0, f.Count).Select(i => i < f.Count - 1 ? items[(i, i + 1)].FocalA : closing.FocalA).ToArray();
            foreach (var ((i, j), item) in items)
            {
                var ki = Intrinsics(focal[i], item.Width, item.Height);
                var kj = Intrinsics(focal[j], item.WidthB, item.HeightB);
                var rel = double.IsFinite(focal[i]) && double.IsFinite(focal[j])
                    ? RelativePose.Estimate(item.PxA, item.PxB, ki, kj, settings.EssentialThresholdPx) : null;
                // The translation norm is unknown (unit); the metrics are scale-free.
                bool ok = rel is { Success: true };
                results.Add(new PairPoseEstimate(seq.Name, f[i], f[j], ok ? rel!.Pose : null,
                    item.PxA.Length / 2, ok ? rel!.Inliers.Length : 0, focal[i], focal[j]));
            }
        }
        return results;
    }

    private static CameraIntrinsics Intrinsics(double f, int w, int h) => new(w, h, f, f, (w - 1) / 2.0, (h - 1) / 2.0);

    private PairItem Item(ResultCache cache, RelPoseSequence seq, int i, int j) =>
        cache.GetOrCompute($"{seq.Name}/{seq.Frames[i].Name}~{seq.Frames[j].Name}", () =>
        {
            var a = NetworkImage.Load(seq.Frames[i].ImagePath, settings.ImageSize);
            var b = NetworkImage.Load(seq.Frames[j].ImagePath, settings.ImageSize);
            var pred = predictor.Predict(new[] { (a.Image, b.Image) })[0];
            int wa = pred.View1.Width, wb = pred.View2.Width;
            var pxA = new List<double>();
            var pxB = new List<double>();
            foreach (var (ia, ib) in ReciprocalMatcher.MatchGrid(pred.View1, pred.View2, settings.SeedStride, settings.DescConfThreshold))
            {
                pxA.Add(ia % wa); pxA.Add(ia / wa);
                pxB.Add(ib % wb); pxB.Add(ib / wb);
            }
            return new PairItem(pxA.ToArray(), pxB.ToArray(), PointmapFocal.Estimate(pred.View1), wa, pred.View1.Height, wb, pred.View2.Height);
        });
}
