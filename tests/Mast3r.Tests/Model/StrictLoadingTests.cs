using FluentAssertions;
using Mast3r.Checkpoints;
using Mast3r.Model;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Model;

/// <summary>Strict loading by name: the fixture checkpoint against configurations it does not fit.</summary>
[Trait("Category", "Unit")]
public sealed class StrictLoadingTests
{
    private static Action LoadWith(string from, string to)
    {
        string s = TinyA.Checkpoint.ModelString!.Replace(from, to, StringComparison.Ordinal);
        return () => Mast3rModel.FromCheckpoint(TinyA.Checkpoint, Mast3rConfig.FromModelString(s)).Dispose();
    }

    [Fact]
    public void ModelParameterNamesAreTheOfficialKeysMinusTheDptAliases()
    {
        var names = TinyA.Model.named_parameters().Select(p => p.name).ToHashSet();
        var official = TinyA.Checkpoint.Keys.Where(k => !k.Contains(".scratch.layer_rn.", StringComparison.Ordinal)).ToHashSet();
        names.Should().BeEquivalentTo(official);
        TinyA.Checkpoint.Keys.Count.Should().Be(official.Count + 8);
    }

    [Fact]
    public void NetworkBuiltInsideADisposeScopeKeepsEveryParameter()
    {
        Mast3rModel model;
        using (TorchSharp.torch.NewDisposeScope())
            model = SmallModels.Create();
        using (model)
        {
            var names = model.named_parameters().Select(p => p.name).ToList();
            names.Should().Contain("mask_token");
            model.named_parameters().Should().OnlyContain(p => !p.parameter.IsInvalid);
        }
    }

    [Fact]
    public void MissingKeysAreNamed() =>
        LoadWith("enc_depth=4", "enc_depth=5").Should().Throw<CheckpointException>()
            .Where(e => e.Item.StartsWith("enc_blocks.4.", StringComparison.Ordinal)).WithMessage("*missing key*");

    [Fact]
    public void UnexpectedKeysAreNamed() =>
        LoadWith("enc_depth=4", "enc_depth=3").Should().Throw<CheckpointException>()
            .Where(e => e.Item.StartsWith("enc_blocks.3.", StringComparison.Ordinal)).WithMessage("*unexpected key*");

    [Fact]
    public void MisShapedKeysAreNamedWithBothShapes() =>
        LoadWith("two_confs=True", "two_confs=False").Should().Throw<CheckpointException>()
            .Where(e => e.Item == "downstream_head1.head_local_features.fc2.weight").WithMessage("*[6400,448]*[6144,448]*");
}
