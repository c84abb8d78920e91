using FluentAssertions;
using Mast3r.Metrics.MapFree;
using Xunit;
using static Mast3r.Tests.Metrics.MapFree.MapFreeTestScenes;

namespace Mast3r.Tests.Metrics.MapFree;

/// <summary>Aggregation (AUC, precision, averaged medians, frame selection, failures) against protocols.md §2.4/§2.8.</summary>
[Trait("Category", "Unit")]
public class MapFreeBenchmarkTests
{
    private static readonly double[,] I3 = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };

    [Theory]
    [InlineData(new double[] { 4, 3, 2, 1 }, new[] { true, true, false, false }, 0, 0.791667)]
    [InlineData(new double[] { 4, 3, 2, 1 }, new[] { true, true, false, false }, 2, 0.527778)]
    [InlineData(new double[] { 1, 2, 3, 4 }, new[] { true, true, false, false }, 0, 0.208333)]
    [InlineData(new double[] { 7, 7, 7, 7 }, new[] { true, true, false, false }, 0, 0.5)]
    public void Auc_matches_the_reference_values(double[] confidence, bool[] correct, int failures, double expected)
    {
        MapFreePrecisionRecall.AreaUnderCurve(confidence, correct, failures).Should().BeApproximately(expected, 5e-7);
    }

    [Fact]
    public void Auc_with_constant_confidence_equals_precision_including_failures()
    {
        var rng = new Random(6);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = rng.Next(1, 40), failures = rng.Next(0, 10);
            var flags = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.6).ToArray();
            double precision = flags.Count(f => f) / (double)(n + failures);
            MapFreePrecisionRecall.AreaUnderCurve(Enumerable.Repeat(3.0, n).ToArray(), flags, failures)
                .Should().BeApproximately(precision, 1e-6);
        }
    }

    [Fact]
    public void Auc_equals_a_direct_sum_over_distinct_thresholds_and_ignores_order_within_ties()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = rng.Next(1, 60), failures = rng.Next(0, 5);
            var conf = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 8)).ToArray();
            var flags = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5).ToArray();
            double expected = 0, previousRecall = 0;
            foreach (double k in conf.Distinct().OrderDescending())
            {
                int above = conf.Count(c => c >= k);
                int tp = Enumerable.Range(0, n).Count(i => conf[i] >= k && flags[i]);
                double recall = above / (double)(n + failures);
                expected += (recall - previousRecall) * tp / above;
                previousRecall = recall;
            }
            var perm = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
            MapFreePrecisionRecall.AreaUnderCurve(conf, flags, failures).Should().BeApproximately(expected, 1e-6);
            MapFreePrecisionRecall.AreaUnderCurve(perm.Select(i => conf[i]).ToArray(), perm.Select(i => flags[i]).ToArray(), failures)
                .Should().BeApproximately(expected, 1e-6);
        }
    }

    [Fact]
    public void Perfect_submission_scores_one_everywhere()
    {
        var rng = new Random(8);
        var gt = Enumerable.Range(0, 23).Select(_ => FromRotationAndCentre(RandomRotation(rng), RandomVector(rng, 3))).ToList();
        var scene = Scene("s1", gt);
        var est = scene.Poses.ToDictionary(p => p.Key, p => p.Value with { Confidence = rng.NextDouble() });
        var r = MapFreeBenchmark.Evaluate([scene], new Dictionary<string, IReadOnlyDictionary<int, MapFreePose>> { ["s1"] = est });
        r.AverageMedianTranslationError.Should().BeApproximately(0, 1e-12);
        r.AverageMedianReprojectionError.Should().BeApproximately(0, 1e-9);
        r.PrecisionPose.Should().Be(1);
        r.PrecisionVcre.Should().Be(1);
        r.AucPose.Should().Be(1);
        r.AucVcre.Should().Be(1);
        r.EstimatesFraction.Should().Be(1);
        r.Estimates.Should().Be(5, "23 entries subsampled every 5th by position → positions 0, 5, 10, 15, 20");
    }

    [Fact]
    public void Average_median_is_per_scene_median_then_mean_over_scenes()
    {
        MapFreeGroundTruth SceneWithRotationErrors(string name, double[] degrees, out Dictionary<int, MapFreePose> est)
        {
            var rng = new Random(name.GetHashCode(StringComparison.Ordinal) & 0xffff);
            var gt = new List<MapFreePose>();
            est = [];
            for (int i = 0; i < degrees.Length; i++)
            {
                var r = RandomRotation(rng);
                var c = RandomVector(rng, 2);
                // Five GT entries per estimate so that the every-5th selection keeps exactly entry 5·i.
                for (int j = 0; j < 5; j++) gt.Add(FromRotationAndCentre(r, c));
                est[5 * i] = FromRotationAndCentre(Multiply(AxisAngle(RandomVector(rng, 1), degrees[i] * Math.PI / 180), r), c, 1);
            }
            return Scene(name, gt);
        }
        var a = SceneWithRotationErrors("A", [1, 2, 3], out var estA);
        var b = SceneWithRotationErrors("B", [10, 20], out var estB);
        var result = MapFreeBenchmark.Evaluate([a, b], new Dictionary<string, IReadOnlyDictionary<int, MapFreePose>> { ["A"] = estA, ["B"] = estB });
        result.AverageMedianRotationError.Should().BeApproximately(8.5, 1e-9);
        result.PrecisionPose.Should().BeApproximately(3 / 5.0, 1e-12);
    }

    [Fact]
    public void Missing_frames_enter_precision_auc_and_estimate_rate_denominators()
    {
        var gt = Enumerable.Range(0, 20).Select(i => FromRotationAndCentre(I3, [i, 0, 0])).ToList();
        var scene = Scene("s", gt);
        // Evaluated keys 0, 5, 10, 15; estimate two of them exactly, one badly.
        var est = new Dictionary<int, MapFreePose>
        {
            [0] = gt[0] with { Confidence = 3 },
            [5] = gt[5] with { Confidence = 2 },
            [10] = FromRotationAndCentre(I3, [100, 0, 0], 1),
            [3] = FromRotationAndCentre(I3, [100, 0, 0], 9), // not evaluated: ignored
        };
        var r = MapFreeBenchmark.Evaluate([scene], new Dictionary<string, IReadOnlyDictionary<int, MapFreePose>> { ["s"] = est });
        r.Estimates.Should().Be(3);
        r.Failures.Should().Be(1);
        r.PrecisionPose.Should().Be(0.5);
        r.EstimatesFraction.Should().Be(0.75);
        r.AucPose.Should().BeApproximately(0.25 + 0.25 + 0.25 * 2 / 3, 1e-7, "recall 1/4 and 2/4 at precision 1, then 3/4 at precision 2/3");
        r.AverageMedianTranslationError.Should().Be(0);
    }

    [Fact]
    public void Scene_without_a_submission_file_counts_all_of_its_ground_truth_lines_as_failures()
    {
        var gt = Enumerable.Range(0, 12).Select(i => FromRotationAndCentre(I3, [i, 0, 0])).ToList();
        var present = Scene("p", gt);
        var absent = Scene("q", gt);
        var est = present.EvaluatedFrames().ToDictionary(p => p.Key, p => p.Value with { Confidence = 1 });
        var r = MapFreeBenchmark.Evaluate([present, absent], new Dictionary<string, IReadOnlyDictionary<int, MapFreePose>> { ["p"] = est });
        r.Estimates.Should().Be(3);
        r.Failures.Should().Be(12, "the reference returns len(gt_poses) before subsampling for a missing file");
        r.PrecisionPose.Should().BeApproximately(3 / 15.0, 1e-15);
    }

    [Fact]
    public void Reference_frame_shares_key_zero_with_the_first_query_and_keeps_its_position()
    {
        string[] lines =
        [
            "seq0/frame_00000.jpg 1 0 0 0 0 0 0",
            "seq1/frame_00000.jpg 1 0 0 0 1 0 0",
            "seq1/frame_00001.jpg 1 0 0 0 2 0 0",
            "seq1/frame_00002.jpg 1 0 0 0 3 0 0",
            "seq1/frame_00003.jpg 1 0 0 0 4 0 0",
            "seq1/frame_00004.jpg 1 0 0 0 5 0 0",
            "seq1/frame_00005.jpg 1 0 0 0 6 0 0",
        ];
        var poses = MapFreeFiles.ReadPoses("poses.txt", lines, withConfidence: false, lenient: false, _ => { });
        poses.Keys.Should().Equal(0, 1, 2, 3, 4, 5);
        poses[0].Tx.Should().Be(1, "the later line overwrites the value");
        var scene = new MapFreeGroundTruth("s", poses.Keys.ToDictionary(k => k, _ => K), Width, Height, poses);
        scene.EvaluatedFrames().Select(p => p.Key).Should().Equal(0, 5);

        // Without seq1 frame 0, key 0 keeps the reference's identity and is scored; the selection shifts.
        var noQueryZero = MapFreeFiles.ReadPoses("poses.txt", lines.Where((_, i) => i != 1).ToArray(), false, false, _ => { });
        new MapFreeGroundTruth("s", noQueryZero.Keys.ToDictionary(k => k, _ => K), Width, Height, noQueryZero)
            .EvaluatedFrames().Select(p => p.Key).Should().Equal(0, 5);
        noQueryZero[0].Tx.Should().Be(0);
    }

    [Fact]
    public void Negative_confidence_of_a_scored_frame_is_rejected()
    {
        var gt = new List<MapFreePose> { FromRotationAndCentre(I3, [0, 0, 0]) };
        var act = () => MapFreeBenchmark.Evaluate([Scene("s", gt)],
            new Dictionary<string, IReadOnlyDictionary<int, MapFreePose>> { ["s"] = new Dictionary<int, MapFreePose> { [0] = gt[0] with { Confidence = -1 } } });
        act.Should().Throw<InvalidDataException>().WithMessage("*confidence*non-negative*");
    }

    [Fact]
    public void Submission_without_any_scored_estimate_is_an_error()
    {
        var gt = new List<MapFreePose> { FromRotationAndCentre(I3, [0, 0, 0]) };
        var act = () => MapFreeBenchmark.Evaluate([Scene("s", gt)], new Dictionary<string, IReadOnlyDictionary<int, MapFreePose>>());
        act.Should().Throw<InvalidDataException>().WithMessage("*no valid pose estimate*");
    }

    [Fact]
    public void Official_key_names_are_reproduced_exactly()
    {
        var r = new MapFreeResult(1, 2, 3, 4, 5, 6, 7, 8, 1, 0);
        r.ToOfficialEntries().Select(e => e.Key).Should().Equal(
            "Average Median Translation Error",
            "Average Median Rotation Error",
            "Average Median Reprojection Error",
            "Precision @ Pose Error < (25.0cm, 5deg)",
            "AUC @ Pose Error < (25.0cm, 5deg)",
            "Precision @ VCRE < 90px",
            "AUC @ VCRE < 90px",
            "Estimates for % of frames");
        r.ToOfficialEntries().Select(e => e.Value).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
    }
}
