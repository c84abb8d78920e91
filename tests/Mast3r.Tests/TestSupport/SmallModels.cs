using Mast3r.Images;
using Mast3r.Model;

namespace Mast3r.Tests.TestSupport;

/// <summary>Small randomly initialised configurations and synthetic images for fast model tests.</summary>
internal static class SmallModels
{
    /// <summary>A configuration unlike tiny_a in every free size: widths, depths, heads, descriptor dim, two_confs.</summary>
    public const string OddConfig =
        "AsymmetricMASt3R(pos_embed='RoPE50', patch_embed_cls='ManyAR_PatchEmbed', img_size=(512, 512), head_type='catmlp+dpt', " +
        "output_mode='pts3d+desc16', depth_mode=('exp', -inf, inf), conf_mode=('exp', 1, inf), enc_embed_dim=48, enc_depth=2, " +
        "enc_num_heads=3, dec_embed_dim=40, dec_depth=11, dec_num_heads=2, mlp_ratio=2)";

    public static Mast3rModel Create(string modelString = OddConfig, int seed = 7)
    {
        TorchSharp.torch.manual_seed(seed);
        return new Mast3rModel(Mast3rConfig.FromModelString(modelString));
    }

    /// <summary>A deterministic RGB pattern of the given size (multiples of 16).</summary>
    public static PreprocessedImage Image(int height, int width, int seed)
    {
        var rgb = new byte[height * width * 3];
        var rng = new Random(seed);
        rng.NextBytes(rgb);
        return new PreprocessedImage(rgb, height, width, $"synthetic {height}x{width} #{seed}");
    }
}
