using FluentAssertions;
using Mast3r.Alignment;
using Mast3r.Datasets.Synthetic;
using Mast3r.Geometry;
using Mast3r.Inference;
using Mast3r.Metrics;
using Mast3r.Tests.Metrics;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Alignment;

[Trait("Category", "Unit")]
public class RelPoseTests
{
    private static RelPoseSequence Sequence(int n, string name = "apple/seq") =>
        new(name, Enumerable.Range(0, n).Select(i => new RelPoseFrame($"f{i:D2}", $"/x/f{i}.png", Pose.Identity)).ToList());

    [Fact]
    public void Sampling_keeps_order_is_reproducible_and_returns_short_sequences_whole()
    {
        var seq = Sequence(60);
        var a = seq.Sample(10, seed: 0);
        a.Frames.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        a.Frames.Select(f => f.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
        seq.Sample(10, seed: 0).Frames.Should().Equal(a.Frames);
        seq.Sample(10, seed: 1).Frames.Should().NotEqual(a.Frames);
        Sequence(5).Sample(10, seed: 0).Frames.Should().HaveCount(5);
    }

    [Fact]
    public void Focal_from_an_exact_pointmap_is_recovered()
    {
        const int w = 32, h = 24;
        const double f = 37.5;
        var pts = new float[w * h * 3];
        var conf = new float[w * h];
        for (int v = 0; v < h; v++)
            for (int u = 0; u < w; u++)
            {
                int i = v * w + u;
                double z = 2 + 0.05 * u + 0.03 * v; // a slanted plane
                pts[3 * i] = (float)((u - (w - 1) / 2.0) * z / f);
                pts[3 * i + 1] = (float)((v - (h - 1) / 2.0) * z / f);
                pts[3 * i + 2] = (float)z;
                conf[i] = 5;
            }
        var view = new ViewPrediction(h, w, pts, conf, new float[w * h], conf, 1);
        PointmapFocal.Estimate(view).Should().BeApproximately(f, 1e-3);
    }

    [Fact]
    public void Pair_poses_file_round_trips_exact_relative_poses_to_100_and_missing_pairs_to_failures()
    {
        var rng = new Random(5);
        var truth = MultiViewPoseAccuracyTests.RandomCameras(rng, 4);
        var frames = truth.Select((p, i) => new RelPoseFrame($"f{i}", $"/x/{i}.png", p)).ToList();
        var estimates = new List<PairPoseEstimate>();
        for (int i = 0; i < 4; i++)
            for (int j = i + 1; j < 4; j++)
            {
                // The relative pose in frame i's camera, translation rescaled (the metrics are scale-free).
                var rel = truth[j].Compose(truth[i].Inverse());
                var scaled = new Pose(rel.Rotation, rel.Translation.Select(x => 0.3 * x).ToArray());
                estimates.Add(new PairPoseEstimate("cat/seq", frames[i], frames[j], i == 0 && j == 3 ? null : scaled, 100, 90, 500, 500));
            }
        string path = Path.Combine(TestPaths.NewTempDir(), "pair_poses.txt");
        PairPoseFile.Write(path, estimates);
        var report = MultiViewPoseEvaluator.Evaluate(PairPoseFile.Read(path, estimates));
        report.Overall.Pairs.Should().Be(6);
        report.Overall.Rra15.Should().BeApproximately(500.0 / 6, 1e-9); // 5 exact pairs of 6; the failed one counts
        report.Overall.Maa30.Should().BeApproximately(500.0 / 6, 1e-9);
        report.PerCategory.Keys.Should().Equal("cat");
    }

    [Fact]
    public void Re10k_camera_file_gives_world_to_camera_poses_and_names_file_and_line_on_errors()
    {
        string dir = TestPaths.NewTempDir();
        string frames = Directory.CreateDirectory(Path.Combine(dir, "clip")).FullName;
        File.WriteAllBytes(Path.Combine(frames, "1000.png"), Array.Empty<byte>());
        string cam = Path.Combine(dir, "clip.txt");
        File.WriteAllLines(cam, new[] { "https://youtube/x", "1000 0.5 0.9 0.5 0.5 0 0 1 0 0 1 0 1 0 2 0 0 1 3", "2000 0.5 0.9 0.5 0.5 0 0 1 0 0 0 0 1 0 0 0 0 1 0" });
        var read = Re10kSequenceReader.ReadCameraFile(cam, frames);
        read.Should().ContainSingle(); // frame 2000 has no extracted image
        read[0].Truth.Translation.Should().Equal(1, 2, 3);
        File.AppendAllLines(cam, new[] { "3000 0.5 0.9" });
        var act = () => Re10kSequenceReader.ReadCameraFile(cam, frames);
        act.Should().Throw<InvalidDataException>().WithMessage($"{cam}:4: expected 19 fields*");
    }

    [Fact]
    public void Co3d_reader_applies_the_quality_and_test_subset_filters_and_recovers_the_exact_poses()
    {
        string root = TestPaths.NewTempDir();
        SyntheticPoseLayouts.WriteCo3d(root);
        var manifest = SyntheticManifest.Load(root);
        var seqs = Co3dSequenceReader.ReadCategory(root, "apple", minFrames: 2);
        seqs.Should().HaveCount(2); // the low-quality sequence is dropped
        foreach (var s in seqs)
        {
            s.Frames.Should().HaveCount(SyntheticPoseLayouts.ViewsPerSequence); // the non-test frame is dropped
            foreach (var f in s.Frames)
            {
                var exact = manifest.Find(f.ImagePath)!.WorldToCamera;
                Rotation3.AngleBetween(exact.Rotation, f.Truth.Rotation).Should().BeLessThan(1e-9);
                f.Truth.Translation.Zip(exact.Translation, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-9);
            }
        }
        Co3dSequenceReader.ReadCategory(root, "apple", minFrames: 50).Should().BeEmpty(); // PoseDiffusion's min_num_images
    }
}
