using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// One MASt3R downstream head (mast3r catmlp_dpt_head.py, <c>Cat_MLP_LocalFeatures_DPT_Pts3d</c>): DPT for
/// 3-D points + confidence, and an MLP on [encoder tokens | last decoder tokens] whose output is pixel-shuffled to
/// full resolution for descriptors (+ descriptor confidence). Returns the raw [B, 4 + D + two_confs, H, W] map.
/// </summary>
internal sealed class LocalFeatureDptHead : nn.Module
{
#pragma warning disable IDE1006
    private readonly DptHead dpt;
    private readonly Mlp head_local_features;
#pragma warning restore IDE1006
    private readonly int _patch;

    public LocalFeatureDptHead(Mast3rConfig c) : base(nameof(LocalFeatureDptHead))
    {
        dpt = new DptHead(c.EncEmbedDim, c.DecEmbedDim, c.DptHooks, 3 + 1, c.PatchSize);
        head_local_features = new Mlp(c.EncEmbedDim + c.DecEmbedDim, c.LocalHidden, c.LocalOut);
        _patch = c.PatchSize;
        RegisterComponents();
    }

    public Tensor Forward(IReadOnlyList<Tensor> layers, int height, int width, ActivationRecorder? rec, string tag)
    {
        using var scope = NewDisposeScope();
        var dense = dpt.Forward(layers, height, width, rec, $"dpt{tag}");
        rec?.Record($"dpt{tag}_raw", dense);
        var cat = torch.cat([layers[0], layers[^1]], dim: -1);
        var local = head_local_features.Forward(cat);
        rec?.Record($"lf{tag}_raw_tokens", local);
        long b = local.shape[0];
        var grid = local.transpose(-1, -2).reshape(b, -1, height / _patch, width / _patch);
        var shuffled = nn.functional.pixel_shuffle(grid, _patch);
        return torch.cat([dense, shuffled], dim: 1).MoveToOuterDisposeScope();
    }
}
