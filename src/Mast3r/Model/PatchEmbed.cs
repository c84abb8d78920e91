using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// Patchifier: Conv2d 3→C, kernel = stride = patch, tokens in row-major order, (y, x) positions
/// (dust3r patch_embed.py, <c>PatchEmbedDust3R</c> and <c>ManyAR_PatchEmbed</c>). In ManyAR mode images arrive in
/// landscape layout; a sample whose true shape is portrait is transposed back and patchified natively (§4.9).
/// </summary>
internal sealed class PatchEmbed : nn.Module
{
#pragma warning disable IDE1006
    private readonly Conv2d proj;
#pragma warning restore IDE1006
    private readonly int _patch;
    private readonly bool _manyAr;

    public PatchEmbed(int patch, int dim, bool manyAr) : base(nameof(PatchEmbed))
    {
        proj = nn.Conv2d(3, dim, kernel_size: patch, stride: patch, bias: true);
        _patch = patch;
        _manyAr = manyAr;
        RegisterComponents();
    }

    /// <summary>Tokens [B, N, C] and positions int64 [B, N, 2] for images [B, 3, H, W] with true shapes (H, W) per sample.</summary>
    public (Tensor Tokens, Tensor Pos) Forward(Tensor img, (int H, int W)[] trueShapes)
    {
        using var scope = NewDisposeScope();
        long b = img.shape[0], hImg = img.shape[2], wImg = img.shape[3];
        if (hImg % _patch != 0 || wImg % _patch != 0)
            throw new ArgumentException($"image size {hImg}×{wImg} is not a multiple of the patch size {_patch}");
        long h = hImg / _patch, w = wImg / _patch;
        if (!_manyAr)
            return Move(Tokens(img), RoPE2D.Grid(b, h, w, img.device));
        if (wImg < hImg) throw new ArgumentException($"ManyAR_PatchEmbed expects landscape layout (W ≥ H), got {hImg}×{wImg}");
        var portrait = trueShapes.Select(s => s.W < s.H).ToArray();
        if (portrait.All(p => !p)) return Move(Tokens(img), RoPE2D.Grid(b, h, w, img.device));
        if (portrait.All(p => p)) return Move(Tokens(img.transpose(-1, -2)), RoPE2D.Grid(b, w, h, img.device));
        var landIdx = Indices(portrait, false, img.device);
        var portIdx = Indices(portrait, true, img.device);
        var tokens = zeros(b, h * w, proj.weight!.shape[0], dtype: img.dtype, device: img.device);
        var pos = zeros(b, h * w, 2, dtype: int64, device: img.device);
        tokens.index_copy_(0, landIdx, Tokens(img.index_select(0, landIdx)));
        tokens.index_copy_(0, portIdx, Tokens(img.index_select(0, portIdx).transpose(-1, -2)));
        pos.index_copy_(0, landIdx, RoPE2D.Grid(landIdx.shape[0], h, w, img.device));
        pos.index_copy_(0, portIdx, RoPE2D.Grid(portIdx.shape[0], w, h, img.device));
        return Move(tokens, pos);
    }

    private Tensor Tokens(Tensor img) => proj.forward(img).flatten(2).transpose(1, 2);

    private static (Tensor, Tensor) Move(Tensor tokens, Tensor pos) => (tokens.MoveToOuterDisposeScope(), pos.MoveToOuterDisposeScope());

    internal static Tensor Indices(bool[] mask, bool value, Device device) =>
        tensor(mask.Select((m, i) => (m, i)).Where(t => t.m == value).Select(t => (long)t.i).ToArray(), dtype: int64, device: device);
}
