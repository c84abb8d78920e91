using FluentAssertions;
using Xunit;
using Mast3r.Checkpoints;

namespace Mast3r.Tests.Checkpoints;

[Trait("Category", "Unit")]
public sealed class PortableWeightsTests
{
    /// <summary>The test-vector table of portable-weights.md (full configuration), verbatim.</summary>
    public static TheoryData<string, long[], uint, double[], double> DocumentedVectors => new()
    {
        { "mask_token", [1, 1, 768], 1587044695u, [-0.010764464735984802, -0.046421997249126434, -0.032896965742111206, -0.0116499662399292], 0.2193063125014305 },
        { "patch_embed.proj.weight", [1024, 3, 16, 16], 3451249666u, [-0.059138521552085876, -6.880611181259155e-05, 0.015318900346755981, -0.03787606954574585], 47.599305383861065 },
        { "enc_blocks.0.norm1.weight", [1024], 1921687867u, [0.8992017507553101, 1.0043271780014038, 0.9549446105957031, 1.1051148176193237], 1020.9249706864357 },
        { "enc_blocks.0.attn.qkv.bias", [3072], 3110168444u, [0.006729476153850555, -0.019153974950313568, -0.04730629175901413, -0.022324204444885254], 1.4415888860821724 },
        { "enc_blocks.23.mlp.fc2.weight", [1024, 4096], 1286479751u, [0.0063254013657569885, -0.011535318568348885, 0.0058241840451955795, 0.0140733253210783], -17.606506222859025 },
        { "dec_blocks2.11.cross_attn.projv.weight", [768, 768], 3508835825u, [0.02738066017627716, -0.01301717758178711, 0.03835432976484299, 0.0279681533575058], 42.56334041059017 },
        { "downstream_head1.dpt.scratch.layer_rn.2.weight", [256, 384, 3, 3], 4242695698u, [0.006694754585623741, 0.013380162417888641, -0.0008313283324241638, -0.008133403956890106], -9.311098763719201 },
        { "downstream_head2.dpt.head.4.bias", [4], 2285639717u, [-0.01250430941581726, -0.037507086992263794, 0.022109948098659515, -0.034373216331005096], -0.062274664640426636 },
        { "downstream_head1.dpt.act_postprocess.0.1.weight", [96, 96, 4, 4], 2928006238u, [-0.010642293840646744, 0.02142973244190216, 0.0056763701140880585, -0.01357639953494072], 20.65736823529005 },
        { "downstream_head2.head_local_features.fc2.weight", [6400, 7168], 1657222217u, [-0.005616184324026108, -0.014883352443575859, -0.002160601317882538, 0.002570211887359619], -18.81990921869874 },
    };

    [Theory]
    [MemberData(nameof(DocumentedVectors))]
    public void Generated_values_match_the_documented_test_vector(string name, long[] shape, uint fnv, double[] first, double sum)
    {
        PortableWeights.Fnv1a32(PortableWeights.CanonicalName(name)).Should().Be(fnv);
        float[] values = PortableWeights.Generate(name, shape);
        for (int i = 0; i < first.Length; i++)
            ((double)values[i]).Should().Be(first[i], $"element {i} of {name} is specified bit-exactly");
        double total = 0;
        foreach (float v in values) total += v;
        // The doc's sums are double-precision accumulations in index order; ours is the same sequence of additions.
        total.Should().BeApproximately(sum, 1e-9 * Math.Max(1, Math.Abs(sum)));
    }

    [Theory]
    [MemberData(nameof(DocumentedVectors))]
    public void Documented_shapes_agree_with_the_full_layout(string name, long[] shape, uint fnv, double[] first, double sum)
    {
        _ = (fnv, first, sum);
        StateDictLayout.For(ArchitectureShape.Full).Single(e => e.Name == name).Shape.Should().Equal(shape);
    }

    [Fact]
    public void Alias_keys_take_the_values_of_their_canonical_layer_rn_name()
    {
        PortableWeights.CanonicalName("downstream_head2.dpt.scratch.layer_rn.0.weight").Should().Be("downstream_head2.dpt.scratch.layer1_rn.weight");
        PortableWeights.CanonicalName("downstream_head1.dpt.scratch.layer2_rn.weight").Should().Be("downstream_head1.dpt.scratch.layer2_rn.weight");
        PortableWeights.CanonicalName("enc_blocks.0.norm1.weight").Should().Be("enc_blocks.0.norm1.weight");
        PortableWeights.Generate("downstream_head1.dpt.scratch.layer_rn.3.weight", [256, 768, 3, 3])
            .Should().Equal(PortableWeights.Generate("downstream_head1.dpt.scratch.layer4_rn.weight", [256, 768, 3, 3]));
    }

    [Theory]
    [InlineData(1L, 1.0)]        // √3 → 1
    [InlineData(3L, 1.0)]        // exactly 1: the boundary must not round down
    [InlineData(12L, 0.5)]       // exactly ½
    [InlineData(768L, 0.0625)]   // exactly 1/16
    [InlineData(1024L, 0.03125)] // √(3/1024) ≈ 0.054 → 1/32
    [InlineData(7168L, 0.015625)]
    public void Matrix_scale_is_the_largest_power_of_two_not_above_sqrt_three_over_fan_in(long fanIn, double expected)
    {
        PortableWeights.MatrixScale(fanIn).Should().Be(expected);
    }

    [Fact]
    public void Full_layout_has_the_documented_key_and_parameter_counts()
    {
        var layout = StateDictLayout.For(ArchitectureShape.Full);
        layout.Should().HaveCount(1017);
        layout.Select(e => e.Name).Should().OnlyHaveUniqueItems();
        long unique = layout.Where(e => !StateDictLayout.IsAlias(e.Name)).Sum(e => e.Shape.Aggregate(1L, (p, d) => p * d));
        unique.Should().Be(688_638_856);
        long aliased = layout.Where(e => StateDictLayout.IsAlias(e.Name)).Sum(e => e.Shape.Aggregate(1L, (p, d) => p * d));
        aliased.Should().Be(6_635_520);
    }

    [Fact]
    public void Tiny_state_dict_covers_every_key_and_shares_alias_storage()
    {
        var dict = SyntheticStateDict.Create(ArchitectureShape.Tiny);
        try
        {
            dict.Should().HaveCount(1017 - 12 * 24 + 4 * 12 - 24 * 2 * 12 + 10 * 2 * 24);
            dict["downstream_head1.head_local_features.fc2.weight"].shape.Should().Equal(6400, 4 * (64 + 48));
            dict["downstream_head1.dpt.scratch.layer2_rn.weight"].add_(1f);
            dict["downstream_head1.dpt.scratch.layer_rn.1.weight"].allclose(dict["downstream_head1.dpt.scratch.layer2_rn.weight"], 0, 0)
                .Should().BeTrue("an alias key shares its canonical tensor's storage, as in the official pickle");
            dict["enc_blocks.3.norm2.bias"].data<float>().ToArray()
                .Should().Equal(PortableWeights.Generate("enc_blocks.3.norm2.bias", [64]));
        }
        finally
        {
            foreach (var t in dict.Values) t.Dispose();
        }
    }

    [Fact]
    public void Bad_shapes_are_rejected_with_the_tensor_name()
    {
        var act = () => PortableWeights.Generate("enc_norm.weight", [0]);
        act.Should().Throw<ArgumentException>().WithMessage("*enc_norm.weight*");
    }
}
