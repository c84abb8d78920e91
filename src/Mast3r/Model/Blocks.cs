using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>Transformer MLP: fc1 → exact GELU → fc2 (croco models/blocks.py <c>Mlp</c>; also the local-feature head).</summary>
internal sealed class Mlp : nn.Module
{
#pragma warning disable IDE1006
    private readonly Linear fc1;
    private readonly Linear fc2;
#pragma warning restore IDE1006

    public Mlp(int input, int hidden, int output) : base(nameof(Mlp))
    {
        fc1 = nn.Linear(input, hidden, hasBias: true);
        fc2 = nn.Linear(hidden, output, hasBias: true);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return fc2.forward(nn.functional.gelu(fc1.forward(x))).MoveToOuterDisposeScope();
    }
}

/// <summary>Pre-norm encoder block: x + Attn(LN1 x), then x + MLP(LN2 x) (croco models/blocks.py <c>Block</c>).</summary>
internal sealed class EncoderBlock : nn.Module
{
#pragma warning disable IDE1006
    private readonly LayerNorm norm1;
    private readonly SelfAttention attn;
    private readonly LayerNorm norm2;
    private readonly Mlp mlp;
#pragma warning restore IDE1006

    public EncoderBlock(int dim, int heads, int hidden, double ropeBase, AttentionSettings settings) : base(nameof(EncoderBlock))
    {
        norm1 = nn.LayerNorm(dim, eps: 1e-6);
        attn = new SelfAttention(dim, heads, ropeBase, settings);
        norm2 = nn.LayerNorm(dim, eps: 1e-6);
        mlp = new Mlp(dim, hidden, dim);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor pos)
    {
        using var scope = NewDisposeScope();
        x = x + attn.Forward(norm1.forward(x), pos);
        x = x + mlp.Forward(norm2.forward(x));
        return x.MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Decoder block: self-attention, cross-attention to the other view's (normalised) tokens, MLP
/// (croco models/blocks.py <c>DecoderBlock</c>). The other view's tokens pass through unchanged.
/// </summary>
internal sealed class DecoderBlock : nn.Module
{
#pragma warning disable IDE1006
    private readonly LayerNorm norm1;
    private readonly SelfAttention attn;
    private readonly CrossAttention cross_attn;
    private readonly LayerNorm norm2;
    private readonly LayerNorm norm3;
    private readonly Mlp mlp;
    private readonly LayerNorm? norm_y;
#pragma warning restore IDE1006

    public DecoderBlock(int dim, int heads, int hidden, bool normY, double ropeBase, AttentionSettings settings) : base(nameof(DecoderBlock))
    {
        norm1 = nn.LayerNorm(dim, eps: 1e-6);
        attn = new SelfAttention(dim, heads, ropeBase, settings);
        cross_attn = new CrossAttention(dim, heads, ropeBase, settings);
        norm2 = nn.LayerNorm(dim, eps: 1e-6);
        norm3 = nn.LayerNorm(dim, eps: 1e-6);
        mlp = new Mlp(dim, hidden, dim);
        norm_y = normY ? nn.LayerNorm(dim, eps: 1e-6) : null;
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor y, Tensor xpos, Tensor ypos)
    {
        using var scope = NewDisposeScope();
        x = x + attn.Forward(norm1.forward(x), xpos);
        var yNorm = norm_y is null ? y : norm_y.forward(y);
        x = x + cross_attn.Forward(norm2.forward(x), yNorm, yNorm, xpos, ypos);
        x = x + mlp.Forward(norm3.forward(x));
        return x.MoveToOuterDisposeScope();
    }
}
