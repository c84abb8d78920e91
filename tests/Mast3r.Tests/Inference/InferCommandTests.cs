using System.Text.Json;
using FluentAssertions;
using Mast3r.Cli;
using Mast3r.IO;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Inference;

public sealed class InferCommandTests(ITestOutputHelper output)
{
    private static string Png(string name) => Path.Combine(TestPaths.ParityImages, name);

    /// <summary>
    /// End to end from the source PNGs: `mast3r infer` on p0 (image 0 → image 1) reproduces the official full-resolution
    /// outputs. Official p0 ran as a symmetrised batch of two; the single-pair call differs by rounding only (fixtures §9).
    /// </summary>
    [Fact]
    [Trait("Category", "Parity")]
    public void InferOnTheFixtureCheckpointAndImagesReproducesTheOfficialArrays()
    {
        string dir = TestPaths.NewTempDir("mast3r-infer");
        int code = CliApp.Run(["infer", "--checkpoint", TinyA.CheckpointPath, "--image1", Png("img0_land_640x480.png"),
            "--image2", Png("img1_square_600x600.png"), "--out", dir]);
        code.Should().Be(0);

        var pairs = new (string Ours, string Official, int Channels)[]
        {
            ("view1_pts3d", "out_p0_d0_v1_pts3d", 3),
            ("view1_conf", "out_p0_d0_v1_conf", 1),
            ("view2_pts3d_in_other_view", "out_p0_d0_v2_pts3d_in_other_view", 3),
            ("view2_conf", "out_p0_d0_v2_conf", 1),
            ("view1_desc", "out_p0_d0_v1_desc_s5", 24),
            ("view1_desc_conf", "out_p0_d0_v1_desc_conf_s5", 1),
            ("view2_desc", "out_p0_d0_v2_desc_s5", 24),
            ("view2_desc_conf", "out_p0_d0_v2_desc_conf_s5", 1),
        };
        foreach (var (ours, official, c) in pairs)
        {
            var written = NpyArray.Load(Path.Combine(dir, ours + ".npy"));
            written.DType.Should().Be("<f4");
            written.Shape[0].Should().Be(384);
            written.Shape[1].Should().Be(512);
            var sampled = Sampling.Apply(official.EndsWith("_s5", StringComparison.Ordinal) ? "_s5" : "", written.ToFloats(), 384, 512, c);
            ParityCheck.AssertClose($"infer {ours}", sampled, TinyA.Fixture(official).ToFloats(), output.WriteLine);
        }

        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "meta.json")));
        var root = meta.RootElement;
        root.GetProperty("checkpoint_sha256").GetString().Should().Be("7ccbf64d1f0e3acee37b773aecf662945302c1e00b0057b65d4ebdcdb80a2c0f");
        root.GetProperty("model_string").GetString().Should().Contain("enc_embed_dim=64");
        root.GetProperty("device").GetString().Should().Be("cpu");
        root.GetProperty("dtype").GetString().Should().Be("fp32");
        root.GetProperty("view2").GetProperty("true_shape").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(384, 512);
        root.GetProperty("seconds").GetProperty("inference").GetDouble().Should().BeGreaterThan(0);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void InvalidArgumentsExitWithUsageErrors()
    {
        string dir = TestPaths.NewTempDir("mast3r-infer-bad");
        string img = Png("img0_land_640x480.png");
        string ck = TinyA.CheckpointPath;
        string notAnImage = Path.Combine(dir, "x.png");
        File.WriteAllText(notAnImage, "no");
        CliApp.Run(["infer", "--checkpoint", Path.Combine(dir, "missing.pth"), "--image1", img, "--image2", img, "--out", dir]).Should().Be(2);
        CliApp.Run(["infer", "--checkpoint", ck, "--image1", Path.Combine(dir, "missing.png"), "--image2", img, "--out", dir]).Should().Be(2);
        CliApp.Run(["infer", "--checkpoint", ck, "--image1", img, "--image2", img, "--out", dir, "--dtype", "fp64"]).Should().Be(2);
        CliApp.Run(["infer", "--checkpoint", ck, "--image1", img, "--image2", img, "--out", dir, "--device", "tpu"]).Should().Be(2);
        CliApp.Run(["infer", "--checkpoint", ck, "--image1", img, "--image2", img, "--out", notAnImage]).Should().Be(2);
        CliApp.Run(["infer", "--checkpoint", notAnImage, "--image1", img, "--image2", img, "--out", dir]).Should().Be(2);
        if (!TorchSharp.torch.cuda.is_available())
            CliApp.Run(["infer", "--checkpoint", ck, "--image1", img, "--image2", img, "--out", dir, "--device", "cuda"]).Should().Be(2);
        Directory.GetFiles(dir, "*.npy").Should().BeEmpty();
    }
}
