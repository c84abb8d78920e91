using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// Head post-processing (dust3r heads/postprocess.py <c>reg_dense_depth</c>, <c>reg_dense_conf</c>; mast3r
/// catmlp_dpt_head.py <c>postprocess</c>): raw [B, C, H, W] → channels-last pts3d, conf, unit descriptors, desc_conf.
/// </summary>
internal static class PostProcess
{
    public static HeadOutput Apply(Tensor raw, Mast3rConfig c)
    {
        using var scope = NewDisposeScope();
        int d = c.DescDim;
        var fmap = raw.permute(0, 2, 3, 1);
        var pts = Depth(fmap[.., .., .., 0..3], c.DepthMode);
        var conf = Conf(fmap[.., .., .., 3], c.ConfMode);
        var desc = fmap[.., .., .., 4..(4 + d)];
        desc = desc / desc.norm(-1, keepdim: true);
        var descConf = c.TwoConfs ? Conf(fmap[.., .., .., 4 + d], c.EffectiveDescConfMode) : conf.clone();
        return new HeadOutput(pts.contiguous(), conf.contiguous(), desc.contiguous(), descConf.contiguous()).MoveToOuterDisposeScope();
    }

    private static Tensor Depth(Tensor xyz, HeadActivation mode)
    {
        if (mode.Mode == "linear") return xyz;
        var d = xyz.norm(-1, keepdim: true);
        var unit = xyz / d.clamp_min(1e-8);
        return mode.Mode == "square" ? unit * d.square() : unit * d.expm1();
    }

    private static Tensor Conf(Tensor x, HeadActivation mode) => mode.Mode == "exp"
        ? x.exp().clamp_max(mode.Max - mode.Min) + mode.Min
        : x.sigmoid() * (mode.Max - mode.Min) + mode.Min;
}
