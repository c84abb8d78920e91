using FluentAssertions;
using Mast3r.Geometry;
using Mast3r.Metrics.MapFree;
using Xunit;
using static Mast3r.Tests.Metrics.MapFree.MapFreeTestScenes;

namespace Mast3r.Tests.Metrics.MapFree;

/// <summary>
/// The whole aggregation against a second, matrix-based computation written from the protocol text (rotation
/// angle from the trace, centres from −Rᵀt, VCRE through 3×3 matrices, AUC as a sum over thresholds), on random
/// poses with random missing frames and missing scene files.
/// </summary>
[Trait("Category", "Unit")]
public class MapFreeIndependentCheckTests
{
    private sealed record Frame(double T, double R, double Vcre, double Conf);

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Random_submission_agrees_with_a_matrix_based_recomputation(int seed)
    {
        var rng = new Random(seed);
        var scenes = new List<MapFreeGroundTruth>();
        var submission = new Dictionary<string, IReadOnlyDictionary<int, MapFreePose>>();
        var perScene = new List<List<Frame>>();
        int failures = 0;
        for (int s = 0; s < 6; s++)
        {
            int n = rng.Next(3, 40);
            var gt = Enumerable.Range(0, n).Select(_ => FromRotationAndCentre(RandomRotation(rng), RandomVector(rng, 4))).ToList();
            var scene = Scene($"s{s}", gt);
            scenes.Add(scene);
            if (s == 5) { failures += n; continue; } // no file for the last scene
            var est = new Dictionary<int, MapFreePose>();
            var frames = new List<Frame>();
            foreach (var (key, g) in scene.EvaluatedFrames())
            {
                if (rng.NextDouble() < 0.2) { failures++; continue; }
                var gPose = Pose.FromQuaternion(g.Qw, g.Qx, g.Qy, g.Qz, g.Tx, g.Ty, g.Tz);
                // Small perturbations so that both sides of every threshold occur.
                var r = Multiply(AxisAngle(RandomVector(rng, 1), rng.NextDouble() * 0.2), gPose.Rotation);
                var c = gPose.CameraCenter().Select(v => v + (rng.NextDouble() - 0.5) * 0.6).ToArray();
                var e = FromRotationAndCentre(r, c, Math.Round(rng.NextDouble() * 5));
                est[key] = e;
                frames.Add(Expected(gPose, Pose.FromQuaternion(e.Qw, e.Qx, e.Qy, e.Qz, e.Tx, e.Ty, e.Tz), e.Confidence));
            }
            submission[scene.Name] = est;
            if (frames.Count > 0) perScene.Add(frames);
        }

        var result = MapFreeBenchmark.Evaluate(scenes, submission);

        var all = perScene.SelectMany(f => f).ToList();
        int total = all.Count + failures;
        static double Median(IEnumerable<double> v) { var a = v.Order().ToArray(); return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2; }
        result.AverageMedianTranslationError.Should().BeApproximately(perScene.Average(f => Median(f.Select(x => x.T))), 1e-9);
        result.AverageMedianRotationError.Should().BeApproximately(perScene.Average(f => Median(f.Select(x => x.R))), 1e-6);
        result.AverageMedianReprojectionError.Should().BeApproximately(perScene.Average(f => Median(f.Select(x => x.Vcre))), 1e-6);
        bool PoseOk(Frame f) => f.T < 0.25 && f.R < 5;
        bool VcreOk(Frame f) => f.Vcre < 90;
        result.PrecisionPose.Should().BeApproximately(all.Count(PoseOk) / (double)total, 1e-15);
        result.PrecisionVcre.Should().BeApproximately(all.Count(VcreOk) / (double)total, 1e-15);
        result.AucPose.Should().BeApproximately(Auc(all, PoseOk, total), 1e-6);
        result.AucVcre.Should().BeApproximately(Auc(all, VcreOk, total), 1e-6);
        result.EstimatesFraction.Should().BeApproximately(all.Count / (double)total, 1e-15);
        all.Count(PoseOk).Should().BeInRange(1, all.Count - 1, "both sides of the pose threshold occur");
    }

    private static double Auc(List<Frame> frames, Func<Frame, bool> ok, int total)
    {
        double auc = 0, previous = 0;
        foreach (double k in frames.Select(f => f.Conf).Distinct().OrderDescending())
        {
            var above = frames.Where(f => f.Conf >= k).ToList();
            double recall = above.Count / (double)total;
            auc += (recall - previous) * above.Count(ok) / above.Count;
            previous = recall;
        }
        return auc;
    }

    private static Frame Expected(Pose gt, Pose est, double confidence)
    {
        var cg = gt.CameraCenter();
        var ce = est.CameraCenter();
        double t = Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (cg[i] - ce[i]) * (cg[i] - ce[i])));
        var rel = est.Compose(gt.Inverse()); // GT camera → world → estimated camera
        double trace = rel.Rotation[0, 0] + rel.Rotation[1, 1] + rel.Rotation[2, 2];
        double r = Math.Acos(Math.Clamp((trace - 1) / 2, -1, 1)) * 180 / Math.PI;
        double sum = 0;
        foreach (var p in MapFreeFrameMetrics.VirtualPoints)
        {
            var q = rel.Apply(p);
            double ug = Math.Clamp(K.Fx * p[0] / p[2] + K.Cx, 0, Width), vg = Math.Clamp(K.Fy * p[1] / p[2] + K.Cy, 0, Height);
            double ue = Math.Clamp(K.Fx * q[0] / q[2] + K.Cx, 0, Width), ve = Math.Clamp(K.Fy * q[1] / q[2] + K.Cy, 0, Height);
            sum += Math.Sqrt((ug - ue) * (ug - ue) + (vg - ve) * (vg - ve));
        }
        return new Frame(t, r, sum / MapFreeFrameMetrics.VirtualPoints.Length, confidence);
    }
}
