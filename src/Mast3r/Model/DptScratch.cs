using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// DPT <c>scratch</c>: the four bias-free 3×3 projections <c>layer{1..4}_rn</c> and the fusion blocks
/// <c>refinenet{1..4}</c> (croco models/dpt_block.py). Upstream also lists the projections as <c>layer_rn.{0..3}</c>
/// (aliases of the same modules); the loader accepts those keys as aliases instead of registering them twice.
/// </summary>
internal sealed class DptScratch : nn.Module
{
#pragma warning disable IDE1006
    private readonly Conv2d layer1_rn;
    private readonly Conv2d layer2_rn;
    private readonly Conv2d layer3_rn;
    private readonly Conv2d layer4_rn;
    private readonly FusionBlock refinenet1;
    private readonly FusionBlock refinenet2;
    private readonly FusionBlock refinenet3;
    private readonly FusionBlock refinenet4;
#pragma warning restore IDE1006

    public DptScratch(int[] inDims, int features) : base(nameof(DptScratch))
    {
        layer1_rn = nn.Conv2d(inDims[0], features, 3, padding: 1, bias: false);
        layer2_rn = nn.Conv2d(inDims[1], features, 3, padding: 1, bias: false);
        layer3_rn = nn.Conv2d(inDims[2], features, 3, padding: 1, bias: false);
        layer4_rn = nn.Conv2d(inDims[3], features, 3, padding: 1, bias: false);
        refinenet1 = new FusionBlock(features);
        refinenet2 = new FusionBlock(features);
        refinenet3 = new FusionBlock(features);
        refinenet4 = new FusionBlock(features);
        RegisterComponents();
    }

    public Tensor LayerRn(int j, Tensor x) => (j switch { 0 => layer1_rn, 1 => layer2_rn, 2 => layer3_rn, _ => layer4_rn }).forward(x);

    public Tensor Refine(int i, Tensor path, Tensor? skip) =>
        (i switch { 1 => refinenet1, 2 => refinenet2, 3 => refinenet3, _ => refinenet4 }).Forward(path, skip);
}

/// <summary>
/// Fusion block: (path + RCU1(skip)) → RCU2 → bilinear ×2 (align_corners) → 1×1 out_conv
/// (croco models/dpt_block.py <c>FeatureFusionBlock_custom</c>). refinenet4 has no skip, so its RCU1 is never run.
/// </summary>
internal sealed class FusionBlock : nn.Module
{
#pragma warning disable IDE1006
    private readonly Conv2d out_conv;
    private readonly ResidualConvUnit resConfUnit1;
    private readonly ResidualConvUnit resConfUnit2;
#pragma warning restore IDE1006

    public FusionBlock(int features) : base(nameof(FusionBlock))
    {
        out_conv = nn.Conv2d(features, features, 1, bias: true);
        resConfUnit1 = new ResidualConvUnit(features);
        resConfUnit2 = new ResidualConvUnit(features);
        RegisterComponents();
    }

    public Tensor Forward(Tensor path, Tensor? skip)
    {
        using var scope = NewDisposeScope();
        var x = skip is null ? path : path + resConfUnit1.Forward(skip);
        x = resConfUnit2.Forward(x);
        x = nn.functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Bilinear, align_corners: true);
        return out_conv.forward(x).MoveToOuterDisposeScope();
    }
}

/// <summary>RCU(x) = x + conv2(relu(conv1(relu(x)))) with the un-activated skip (croco <c>ResidualConvUnit_custom</c>).</summary>
internal sealed class ResidualConvUnit : nn.Module
{
#pragma warning disable IDE1006
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
#pragma warning restore IDE1006

    public ResidualConvUnit(int features) : base(nameof(ResidualConvUnit))
    {
        conv1 = nn.Conv2d(features, features, 3, padding: 1, bias: true);
        conv2 = nn.Conv2d(features, features, 3, padding: 1, bias: true);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var o = conv2.forward(nn.functional.relu(conv1.forward(nn.functional.relu(x))));
        return (o + x).MoveToOuterDisposeScope();
    }
}
