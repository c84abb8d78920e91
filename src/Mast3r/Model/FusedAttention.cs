using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// Attention through libtorch's fused <c>scaled_dot_product_attention</c> (flash / memory-efficient kernels on
/// CUDA, a fused CPU kernel otherwise). RoPE has already been applied to q and k by the calling module, exactly as
/// in the explicit path, so only the softmax(q·kᵀ·scale)·v step changes. TorchSharp 0.107's binding has no
/// <c>scale</c> argument and always uses 1/√d; other scales are folded into q (never needed by MASt3R, whose scale
/// is head_dim^−0.5). The explicit kernel stays the parity reference (<see cref="ExplicitAttention"/>).
/// </summary>
internal sealed class FusedAttention : IAttentionKernel
{
    public static readonly FusedAttention Instance = new();

    public Tensor Attend(Tensor q, Tensor k, Tensor v, double scale)
    {
        double defaultScale = 1.0 / Math.Sqrt(q.shape[^1]);
        if (Math.Abs(scale - defaultScale) <= 1e-12 * defaultScale)
            return nn.functional.scaled_dot_product_attention(q, k, v);
        using var scaled = q.mul(scale / defaultScale);
        return nn.functional.scaled_dot_product_attention(scaled, k, v);
    }
}
