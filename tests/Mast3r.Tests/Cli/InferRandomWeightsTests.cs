using System.Text.Json;
using FluentAssertions;
using Mast3r.Cli;
using Mast3r.IO;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class InferRandomWeightsTests
{
    private static string Png(string name) => Path.Combine(TestPaths.ParityImages, name);

    [Fact]
    public void Infer_runs_on_tiny_portable_weights_and_records_them_in_meta_json()
    {
        string dir = TestPaths.NewTempDir("mast3r-infer-portable");
        CliApp.Run(["infer", "--random-weights", "tiny", "--image1", Png("img5_small_400x300.png"),
            "--image2", Png("img0_land_640x480.png"), "--out", dir]).Should().Be(0);

        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "meta.json")));
        meta.RootElement.GetProperty("weights").GetString().Should().StartWith("random-weights:tiny");
        meta.RootElement.GetProperty("checkpoint").ValueKind.Should().Be(JsonValueKind.Null);
        meta.RootElement.GetProperty("model_string").GetString().Should().Contain("enc_embed_dim=64").And.Contain("dec_depth=10");
        var desc = NpyArray.Load(Path.Combine(dir, "view2_desc.npy"));
        desc.Shape.Should().Equal(384, 512, 24);
        float[] d = desc.ToFloats();
        for (int p = 0; p < d.Length; p += 24 * 997)
        {
            double norm = Math.Sqrt(Enumerable.Range(p, 24).Sum(i => (double)d[i] * d[i]));
            norm.Should().BeApproximately(1, 1e-5);
        }
        NpyArray.Load(Path.Combine(dir, "view1_pts3d.npy")).ToFloats().Should().OnlyContain(v => float.IsFinite(v));
    }

    [Fact]
    public void Infer_needs_exactly_one_weight_source()
    {
        string dir = TestPaths.NewTempDir("mast3r-infer-portable");
        string img = Png("img0_land_640x480.png");
        CliApp.Run(["infer", "--image1", img, "--image2", img, "--out", dir]).Should().Be(2);
        CliApp.Run(["infer", "--random-weights", "tiny", "--checkpoint", TinyA.CheckpointPath, "--image1", img, "--image2", img, "--out", dir]).Should().Be(2);
    }
}
