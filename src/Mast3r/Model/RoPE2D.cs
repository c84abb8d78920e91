using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// 2-D rotary position embedding (croco models/pos_embed.py, <c>RoPE2D</c>, the pure-PyTorch variant): the first
/// half of each head vector is rotated by the token's row y, the second half by its column x, in "rotate-half"
/// layout with frequencies base^(−2j/D) for a half of D dims. Tables are built in the tokens' dtype, as upstream.
/// Deviation: no cache keyed by grid size (upstream's cache ignores the device, spec §5); tables are rebuilt per call,
/// which costs a few microseconds.
/// </summary>
internal static class RoPE2D
{
    /// <summary>Rotates <paramref name="tokens"/> [B, heads, N, d] by <paramref name="positions"/> int64 [B, N, 2] (y, x).</summary>
    public static Tensor Apply(Tensor tokens, Tensor positions, double ropeBase)
    {
        using var scope = NewDisposeScope();
        long d = tokens.shape[^1];
        long half = d / 2;
        long maxPos = positions.max().item<long>() + 1;
        var (cos, sin) = Tables(half, maxPos, ropeBase, tokens.dtype, tokens.device);
        var parts = tokens.chunk(2, dim: -1);
        var y = Rotate1D(parts[0], positions[.., .., 0], cos, sin);
        var x = Rotate1D(parts[1], positions[.., .., 1], cos, sin);
        return cat([y, x], dim: -1).MoveToOuterDisposeScope();
    }

    /// <summary>cos/sin tables [maxPos, D] for a half of D dims: angle(p, j) = p·base^(−2(j mod D/2)/D).</summary>
    internal static (Tensor Cos, Tensor Sin) Tables(long half, long maxPos, double ropeBase, ScalarType dtype, Device device)
    {
        using var exponent = arange(0, half, 2, dtype: float32, device: device).div(half);
        using var baseT = full(exponent.shape, ropeBase, dtype: float32, device: device);
        using var invFreq = baseT.pow(exponent).reciprocal();
        using var t = arange(maxPos, dtype: float32, device: device);
        using var freqs0 = outer(t, invFreq).to(dtype);
        using var freqs = cat([freqs0, freqs0], dim: -1);
        return (freqs.cos(), freqs.sin());
    }

    private static Tensor Rotate1D(Tensor tokens, Tensor pos1d, Tensor cos, Tensor sin)
    {
        // A table lookup per token (upstream uses F.embedding, which is the same gather).
        using var flat = pos1d.flatten();
        var c = cos.index_select(0, flat).reshape(pos1d.shape[0], 1, pos1d.shape[1], -1);
        var s = sin.index_select(0, flat).reshape(pos1d.shape[0], 1, pos1d.shape[1], -1);
        var halves = tokens.chunk(2, dim: -1);
        var rotated = cat([halves[1].neg(), halves[0]], dim: -1);
        return tokens * c + rotated * s;
    }

    /// <summary>Token positions int64 [B, h·w, 2] = (row, column) in row-major token order.</summary>
    public static Tensor Grid(long batch, long h, long w, Device device)
    {
        using var ys = arange(h, dtype: int64, device: device);
        using var xs = arange(w, dtype: int64, device: device);
        var mesh = meshgrid([ys, xs], indexing: "ij");
        using var grid = stack([mesh[0].flatten(), mesh[1].flatten()], dim: -1);
        foreach (var m in mesh) m.Dispose();
        return grid.unsqueeze(0).expand(batch, -1, -1).contiguous();
    }
}
