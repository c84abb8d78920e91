namespace Mast3r.Tests.Training;

/// <summary>The README "Our Hyperparameters" command's strings, verbatim (expected-results.md §8.2).</summary>
internal static class SeedCommand
{
    private const string Res = "resolution=[(512, 384), (512, 336), (512, 288), (512, 256), (512, 160)], aug_crop='auto', aug_monocular=0.005, transform=ColorJitter, n_corres=8192, nneg=0.5";

    public const string TrainDataset =
        "57_000 @ Habitat512(1_000_000, split='train', " + Res + ") + 68_400 @ BlendedMVS(split='train', mask_sky=True, " + Res + ") + " +
        "68_400 @ MegaDepth(split='train', mask_sky=True, " + Res + ") + 45_600 @ ARKitScenes(split='train', " + Res + ") + " +
        "22_800 @ Co3d(split='train', mask_bg='rand', " + Res + ") + 22_800 @ StaticThings3D(mask_bg='rand', " + Res + ") + " +
        "45_600 @ ScanNetpp(split='train', " + Res + ") + 45_600 @ TartanAir(pairs_subset='', " + Res + ") + " +
        "4_560 @ UnrealStereo4K(" + Res + ") + 1_140 @ VirtualKitti(optical_center_is_centered=True, " + Res + ") + " +
        "22_800 @ WildRgbd(split='train', mask_bg='rand', " + Res + ") + 145_920 @ NianticMapFree(split='train', " + Res + ") + " +
        "57_000 @ DL3DV(split='nlight', " + Res + ") + 57_000 @ DL3DV(split='not-nlight', cosxl_augmentations=None, " + Res + ") + " +
        "34_200 @ InternalUnreleasedDataset(" + Res + ")";

    public const string Model =
        "AsymmetricMASt3R(pos_embed='RoPE100', patch_embed_cls='ManyAR_PatchEmbed', img_size=(512, 512), head_type='catmlp+dpt', " +
        "output_mode='pts3d+desc24', depth_mode=('exp', -inf, inf), conf_mode=('exp', 1, inf), enc_embed_dim=1024, enc_depth=24, " +
        "enc_num_heads=16, dec_embed_dim=768, dec_depth=12, dec_num_heads=12, two_confs=True, desc_conf_mode=('exp', 0, inf))";
}
