using FluentAssertions;
using Mast3r.Model;
using Xunit;

namespace Mast3r.Tests.Model;

[Trait("Category", "Unit")]
public sealed class Mast3rConfigTests
{
    private const string Release =
        "AsymmetricMASt3R(pos_embed='RoPE100', patch_embed_cls='ManyAR_PatchEmbed', img_size=(512, 512), head_type='catmlp+dpt', " +
        "output_mode='pts3d+desc24', depth_mode=('exp', -inf, inf), conf_mode=('exp', 1, inf), enc_embed_dim=1024, enc_depth=24, " +
        "enc_num_heads=16, dec_embed_dim=768, dec_depth=12, dec_num_heads=12, two_confs=True, desc_conf_mode=('exp', 0, inf))";

    [Fact]
    public void ReleaseStringGivesTheReleaseSizesAfterTheLoaderRewrites()
    {
        var c = Mast3rConfig.FromModelString(Release);
        c.PatchEmbedCls.Should().Be("PatchEmbedDust3R");
        c.LandscapeOnly.Should().BeFalse();
        c.ImgSize.Should().Be((512, 512));
        c.RopeBase.Should().Be(100);
        c.DescDim.Should().Be(24);
        c.DptHooks.Should().Equal(0, 6, 9, 12);
        c.LocalHidden.Should().Be(7168);
        c.LocalOut.Should().Be(6400);
        c.EncMlpHidden.Should().Be(4096);
        c.DecMlpHidden.Should().Be(3072);
        c.ConfMode.Should().Be(new HeadActivation("exp", 1, double.PositiveInfinity));
        c.EffectiveDescConfMode.Should().Be(new HeadActivation("exp", 0, double.PositiveInfinity));
        c.DepthMode.Min.Should().Be(double.NegativeInfinity);
    }

    [Fact]
    public void WithoutRewritesTheTrainingPathIsKept()
    {
        var c = Mast3rConfig.FromModelString(Release, applyLoaderRewrites: false);
        c.PatchEmbedCls.Should().Be("ManyAR_PatchEmbed");
        c.LandscapeOnly.Should().BeTrue();
        c.ManyArPatchEmbed.Should().BeTrue();
    }

    [Fact]
    public void LoaderRewriteReplacesAnExplicitLandscapeOnlyTrue()
    {
        Mast3rConfig.ApplyLoaderRewrites("AsymmetricMASt3R(landscape_only=True, two_confs=True)")
            .Should().Be("AsymmetricMASt3R(landscape_only=False,two_confs=True)");
        Mast3rConfig.ApplyLoaderRewrites("AsymmetricMASt3R(head_type='catmlp+dpt')")
            .Should().Be("AsymmetricMASt3R(head_type='catmlp+dpt', landscape_only=False)");
    }

    [Fact]
    public void OmittedArgumentsTakeTheOfficialDefaults()
    {
        var c = Mast3rConfig.FromModelString("AsymmetricMASt3R(pos_embed='RoPE10', head_type='catmlp+dpt', output_mode='pts3d+desc16', dec_depth=10)");
        c.EncEmbedDim.Should().Be(768);
        c.EncDepth.Should().Be(12);
        c.EncNumHeads.Should().Be(12);
        c.DecEmbedDim.Should().Be(512);
        c.DecNumHeads.Should().Be(16);
        c.TwoConfs.Should().BeFalse();
        c.DescConfMode.Should().BeNull();
        c.EffectiveDescConfMode.Should().Be(c.ConfMode);
        c.LocalOut.Should().Be(16 * 256);
        c.DptHooks.Should().Equal(0, 5, 7, 10);
        c.RopeBase.Should().Be(10);
        c.ImgSize.Should().Be((224, 224));
    }

    [Theory]
    [InlineData(10, new[] { 0, 5, 7, 10 })]
    [InlineData(11, new[] { 0, 5, 8, 11 })]
    [InlineData(13, new[] { 0, 6, 9, 13 })]
    [InlineData(24, new[] { 0, 12, 18, 24 })]
    public void DptHooksFollowTheDecoderDepth(int depth, int[] hooks) =>
        Mast3rConfig.FromModelString($"AsymmetricMASt3R(pos_embed='RoPE100', head_type='catmlp+dpt', output_mode='pts3d+desc24', dec_depth={depth})")
            .DptHooks.Should().Equal(hooks);

    [Theory]
    [InlineData("head_type='dpt'", "head_type='dpt'")]
    [InlineData("pos_embed='cosine'", "pos_embed='cosine'")]
    [InlineData("output_mode='pts3d'", "output_mode='pts3d'")]
    [InlineData("dec_depth=8", "dec_depth=8")]
    [InlineData("depth_mode=('exp', 0, inf)", "finite bounds")]
    [InlineData("conf_mode=('tanh', 1, inf)", "conf_mode")]
    [InlineData("desc_mode='other'", "desc_mode='other'")]
    [InlineData("enc_num_heads=5", "enc_num_heads=5")]
    [InlineData("patch_size=14", "patch_size=14")]
    [InlineData("unknown_arg=3", "unknown argument 'unknown_arg'")]
    [InlineData("enc_depth='x'", "enc_depth='x'")]
    public void UnsupportedValuesAreRejectedByName(string arg, string named)
    {
        var args = new List<string> { "pos_embed='RoPE100'", "head_type='catmlp+dpt'", "output_mode='pts3d+desc24'", "dec_depth=10" };
        args.RemoveAll(a => a.Split('=')[0] == arg.Split('=')[0]);
        string s = $"AsymmetricMASt3R({string.Join(", ", args)}, {arg})";
        var act = () => Mast3rConfig.FromModelString(s);
        act.Should().Throw<ModelConfigException>().Which.Message.Should().Contain(named);
    }

    [Theory]
    [InlineData("AsymmetricCroCo3DStereo(pos_embed='RoPE100')", "AsymmetricCroCo3DStereo")]
    [InlineData("AsymmetricMASt3R(pos_embed='RoPE100'", "expected")]
    [InlineData("AsymmetricMASt3R(pos_embed=os.system('x'))", "not a literal")]
    [InlineData("AsymmetricMASt3R(pos_embed='RoPE100', pos_embed='RoPE100')", "twice")]
    public void MalformedStringsFailWithAPositionedMessage(string s, string fragment)
    {
        var act = () => Mast3rConfig.FromModelString(s, applyLoaderRewrites: false);
        act.Should().Throw<ModelConfigException>().Which.Message.Should().Contain(fragment);
    }
}
