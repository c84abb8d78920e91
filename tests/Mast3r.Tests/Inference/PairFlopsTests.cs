using FluentAssertions;
using Xunit;
using Mast3r.Checkpoints;
using Mast3r.Inference;

namespace Mast3r.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class PairFlopsTests
{
    [Fact]
    public void Full_configuration_at_512x384_matches_the_documented_totals()
    {
        var flops = PairFlops.For(ArchitectureShape.Full, 384, 512);
        (flops.Total / 1e12).Should().BeApproximately(2.037, 0.0005);
        (flops.SymmetricPair / 1e12).Should().BeApproximately(3.028, 0.0005);
    }

    [Fact]
    public void Full_configuration_parts_match_the_documented_breakdown()
    {
        var f = PairFlops.For(ArchitectureShape.Full, 384, 512);
        (f.PatchEmbed / 1e9).Should().BeApproximately(2.4, 0.05);
        (f.Encoder / 1e9).Should().BeApproximately(1043.7, 0.05);
        (f.DecoderEmbed / 1e9).Should().BeApproximately(2.4, 0.05);
        (f.Decoder / 1e9).Should().BeApproximately(434.9, 0.05);
        (f.DptHeads / 1e9).Should().BeApproximately(373.4, 0.05);
        (f.LocalHeads / 1e9).Should().BeApproximately(180.4, 0.05);
    }

    [Fact]
    public void Sizes_that_are_not_multiples_of_the_patch_are_rejected()
    {
        var act = () => PairFlops.For(ArchitectureShape.Tiny, 100, 512);
        act.Should().Throw<ArgumentException>().WithMessage("*multiples of 16*");
    }
}
