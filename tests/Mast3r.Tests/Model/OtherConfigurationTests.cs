using FluentAssertions;
using Mast3r.Checkpoints;
using Mast3r.Images;
using Mast3r.Inference;
using Mast3r.Model;
using Mast3r.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Model;

/// <summary>
/// A configuration unlike tiny_a (other widths, depths, head counts, descriptor dim, two_confs=False, mlp_ratio 2,
/// RoPE base 50) round-trips through a checkpoint in the official layout, and runs an odd token grid (5 rows).
/// </summary>
[Trait("Category", "Unit")]
public sealed class OtherConfigurationTests
{
    [Fact]
    public void OddConfigurationRoundTripsThroughTheOfficialLayoutAndRunsOddGrids()
    {
        using var original = SmallModels.Create();
        string path = Path.Combine(TestPaths.NewTempDir("mast3r-odd"), "odd.pth");
        File.WriteAllBytes(path, Export(original, SmallModels.OddConfig));
        var ck = Checkpoint.Load(path);
        using var loaded = Mast3rModel.FromCheckpoint(ck);
        loaded.Config.DescDim.Should().Be(16);
        loaded.Config.DptHooks.Should().Equal(0, 5, 8, 11);
        loaded.Config.PatchEmbedCls.Should().Be("PatchEmbedDust3R");

        var land = SmallModels.Image(48, 80, 3);
        var port = SmallModels.Image(80, 48, 4);
        var a = Run(original, land, port);
        var b = Run(loaded, land, port);
        b.View1.Pts3d.Length.Should().Be(48 * 80 * 3);
        b.View2.Desc.Length.Should().Be(80 * 48 * 16);
        b.View2.DescConf.Should().Equal(b.View2.Conf, "two_confs=False copies conf into desc_conf");
        b.View1.Pts3d.Should().Equal(a.View1.Pts3d);
        b.View2.Desc.Should().Equal(a.View2.Desc);
    }

    private static PairPrediction Run(Mast3rModel model, PreprocessedImage first, PreprocessedImage second)
    {
        var predictor = new Mast3rPredictor(model, new InferenceOptions(), "odd");
        return predictor.Predict(first, second);
    }

    /// <summary>The model's state dict plus the DPT alias keys, in torch.save's zip layout with args.model.</summary>
    private static byte[] Export(Mast3rModel model, string modelString)
    {
        var specs = new List<MiniCheckpointWriter.TensorSpec>();
        var storages = new Dictionary<string, float[]>();
        foreach (var (name, t) in model.state_dict())
        {
            string key = storages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var c = t.contiguous();
            storages[key] = c.data<float>().ToArray();
            long[] shape = t.shape;
            var stride = new long[shape.Length];
            for (int i = shape.Length - 1, s = 1; i >= 0; s *= (int)shape[i], i--) stride[i] = s;
            specs.Add(new(name, key, 0, shape, stride));
            if (name.EndsWith("_rn.weight", StringComparison.Ordinal) && name.Contains(".scratch.layer", StringComparison.Ordinal))
            {
                int j = name[name.IndexOf(".scratch.layer", StringComparison.Ordinal) + ".scratch.layer".Length] - '1';
                specs.Add(new(name[..name.IndexOf("layer", StringComparison.Ordinal)] + $"layer_rn.{j}.weight", key, 0, shape, stride));
            }
        }
        return MiniCheckpointWriter.Write(specs, storages, [("model", modelString)]);
    }
}
