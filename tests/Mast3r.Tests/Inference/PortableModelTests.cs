using FluentAssertions;
using Mast3r.Checkpoints;
using Mast3r.Inference;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class PortableModelTests
{
    [Fact]
    public void Tiny_network_parameters_are_the_official_layout_minus_the_aliases()
    {
        using var model = Mast3rBenchModel.CreatePortable(ArchitectureShape.Tiny);
        var ours = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        var official = StateDictLayout.For(ArchitectureShape.Tiny).Where(e => !StateDictLayout.IsAlias(e.Name)).ToList();
        ours.Keys.Should().BeEquivalentTo(official.Select(e => e.Name));
        foreach (var entry in official) ours[entry.Name].Should().Equal(entry.Shape, entry.Name);
    }

    [Fact]
    public void Portable_values_are_loaded_by_name()
    {
        using var model = Mast3rBenchModel.CreatePortable(ArchitectureShape.Tiny);
        var sd = model.state_dict();
        foreach (string name in new[] { "mask_token", "enc_blocks.2.attn.qkv.weight", "dec_blocks2.9.norm_y.bias", "downstream_head2.dpt.scratch.layer3_rn.weight" })
            sd[name].contiguous().data<float>().ToArray().Should().Equal(PortableWeights.Generate(name, sd[name].shape), name);
    }

    [Fact]
    public void Tiny_portable_network_gives_finite_well_scaled_outputs()
    {
        using var model = Mast3rBenchModel.FromPortableWeights(ArchitectureShape.Tiny, "tiny", CPU, ScalarType.Float32);
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        using var generator = new torch.Generator(1);
        var img = torch.rand([2, 3, 32, 48], generator: generator) * 2 - 1;
        var (d1, d2) = model.Forward(img[..1], img[1..], symmetric: false);
        d1.shape.Should().Equal(1, 32, 48, 24);
        d2.isfinite().all().item<bool>().Should().BeTrue();
        // desc is L2-normalised per pixel.
        d1.norm(-1).sub(1).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }
}
