using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// The one swappable piece of attention: softmax(q·kᵀ·scale)·v on [B, heads, N, d] tensors. The explicit kernel is
/// the parity reference; a fused kernel can replace it through <see cref="AttentionSettings"/>.
/// </summary>
internal interface IAttentionKernel
{
    Tensor Attend(Tensor q, Tensor k, Tensor v, double scale);
}

/// <summary>Explicit attention in upstream's order: (q @ kᵀ) · scale, softmax over keys, @ v (croco models/blocks.py).</summary>
internal sealed class ExplicitAttention : IAttentionKernel
{
    public static readonly ExplicitAttention Instance = new();

    public Tensor Attend(Tensor q, Tensor k, Tensor v, double scale)
    {
        using var logits = q.matmul(k.transpose(-2, -1)).mul_(scale);
        using var weights = logits.softmax(-1);
        return weights.matmul(v);
    }
}

/// <summary>Shared, mutable choice of attention kernel for every attention module of one model.</summary>
internal sealed class AttentionSettings
{
    public IAttentionKernel Kernel { get; set; } = ExplicitAttention.Instance;
}
