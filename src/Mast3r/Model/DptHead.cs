using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// The DPT dense head (dust3r heads/dpt_head.py <c>DPTOutputAdapter_fix</c>, croco models/dpt_block.py): four hooked
/// token maps are reassembled at 4×, 2×, 1×, ½× of the token grid, projected to 256 channels, fused coarse to fine
/// and decoded to <c>channels</c> maps at full resolution. Field names are the state-dict keys under <c>dpt.</c>.
/// </summary>
internal sealed class DptHead : nn.Module
{
    internal const int FeatureDim = 256;
    internal const int LastDim = 128;
    internal static readonly int[] LayerDims = [96, 192, 384, 768];

#pragma warning disable IDE1006
    private readonly DptScratch scratch;
    private readonly Sequential head;
    private readonly ModuleList<Sequential> act_postprocess;
#pragma warning restore IDE1006
    private readonly int[] _hooks;
    private readonly int _patch;

    public DptHead(int encDim, int decDim, int[] hooks, int channels, int patch) : base(nameof(DptHead))
    {
        int[] dimTokens = [encDim, decDim, decDim, decDim];
        int[] d = LayerDims;
        scratch = new DptScratch(d, FeatureDim);
        head = nn.Sequential(
            ("0", nn.Conv2d(FeatureDim, FeatureDim / 2, 3, padding: 1)),
            ("1", nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: true)),
            ("2", nn.Conv2d(FeatureDim / 2, LastDim, 3, padding: 1)),
            ("3", nn.ReLU()),
            ("4", nn.Conv2d(LastDim, channels, 1)));
        act_postprocess = nn.ModuleList(
            nn.Sequential(("0", nn.Conv2d(dimTokens[0], d[0], 1)), ("1", nn.ConvTranspose2d(d[0], d[0], 4, stride: 4))),
            nn.Sequential(("0", nn.Conv2d(dimTokens[1], d[1], 1)), ("1", nn.ConvTranspose2d(d[1], d[1], 2, stride: 2))),
            nn.Sequential(("0", nn.Conv2d(dimTokens[2], d[2], 1))),
            nn.Sequential(("0", nn.Conv2d(dimTokens[3], d[3], 1)), ("1", nn.Conv2d(d[3], d[3], 3, stride: 2, padding: 1))));
        _hooks = hooks;
        _patch = patch;
        RegisterComponents();
    }

    /// <summary>Raw head output [B, channels, H, W] from the head input list (tokens [B, N, C] each).</summary>
    public Tensor Forward(IReadOnlyList<Tensor> layers, int height, int width, ActivationRecorder? rec, string tag)
    {
        using var scope = NewDisposeScope();
        long h = height / _patch, w = width / _patch;
        var rn = new Tensor[4];
        for (int j = 0; j < 4; j++)
        {
            var tokens = layers[_hooks[j]];
            // Upstream rearranges 'b (nh nw) c -> b c nh nw' as a strided view; keeping the view keeps its conv path.
            var map = tokens.reshape(tokens.shape[0], h, w, tokens.shape[2]).permute(0, 3, 1, 2);
            var act = act_postprocess[j].forward(map);
            rec?.Record($"{tag}_act{j}", act);
            rn[j] = scratch.LayerRn(j, act);
            rec?.Record($"{tag}_rn{j}", rn[j]);
        }
        var path4 = scratch.Refine(4, rn[3], null);
        rec?.Record($"{tag}_refinenet4", path4);
        path4 = path4[.., .., ..(int)rn[2].shape[2], ..(int)rn[2].shape[3]];
        var path3 = scratch.Refine(3, path4, rn[2]);
        rec?.Record($"{tag}_refinenet3", path3);
        var path2 = scratch.Refine(2, path3, rn[1]);
        rec?.Record($"{tag}_refinenet2", path2);
        var path1 = scratch.Refine(1, path2, rn[0]);
        rec?.Record($"{tag}_refinenet1", path1);
        return head.forward(path1).MoveToOuterDisposeScope();
    }
}
