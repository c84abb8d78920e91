using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// Multi-head self-attention with 2-D RoPE on q and k (croco models/blocks.py, <c>Attention</c>). qkv columns are
/// [all q | all k | all v], head-major inside each part. Field names are the state-dict keys.
/// </summary>
internal sealed class SelfAttention : nn.Module
{
#pragma warning disable IDE1006 // state-dict names
    private readonly Linear qkv;
    private readonly Linear proj;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly double _ropeBase;
    private readonly AttentionSettings _settings;

    public SelfAttention(int dim, int heads, double ropeBase, AttentionSettings settings) : base(nameof(SelfAttention))
    {
        qkv = nn.Linear(dim, dim * 3, hasBias: true);
        proj = nn.Linear(dim, dim, hasBias: true);
        _heads = heads;
        _ropeBase = ropeBase;
        _settings = settings;
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor pos)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], c = x.shape[2];
        var parts = qkv.forward(x).reshape(b, n, 3, _heads, c / _heads).permute(2, 0, 3, 1, 4);
        var q = RoPE2D.Apply(parts[0], pos, _ropeBase);
        var k = RoPE2D.Apply(parts[1], pos, _ropeBase);
        var o = _settings.Kernel.Attend(q, k, parts[2], Math.Pow(c / _heads, -0.5));
        return proj.forward(o.transpose(1, 2).reshape(b, n, c)).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Cross-attention with separate q/k/v projections and RoPE on q (query positions) and k (key positions)
/// (croco models/blocks.py, <c>CrossAttention</c>).
/// </summary>
internal sealed class CrossAttention : nn.Module
{
#pragma warning disable IDE1006
    private readonly Linear projq;
    private readonly Linear projk;
    private readonly Linear projv;
    private readonly Linear proj;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly double _ropeBase;
    private readonly AttentionSettings _settings;

    public CrossAttention(int dim, int heads, double ropeBase, AttentionSettings settings) : base(nameof(CrossAttention))
    {
        projq = nn.Linear(dim, dim, hasBias: true);
        projk = nn.Linear(dim, dim, hasBias: true);
        projv = nn.Linear(dim, dim, hasBias: true);
        proj = nn.Linear(dim, dim, hasBias: true);
        _heads = heads;
        _ropeBase = ropeBase;
        _settings = settings;
        RegisterComponents();
    }

    public Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor qpos, Tensor kpos)
    {
        using var scope = NewDisposeScope();
        long b = query.shape[0], nq = query.shape[1], c = query.shape[2], nk = key.shape[1];
        long d = c / _heads;
        var q = projq.forward(query).reshape(b, nq, _heads, d).permute(0, 2, 1, 3);
        var k = projk.forward(key).reshape(b, nk, _heads, d).permute(0, 2, 1, 3);
        var v = projv.forward(value).reshape(b, nk, _heads, d).permute(0, 2, 1, 3);
        q = RoPE2D.Apply(q, qpos, _ropeBase);
        k = RoPE2D.Apply(k, kpos, _ropeBase);
        var o = _settings.Kernel.Attend(q, k, v, Math.Pow(d, -0.5));
        return proj.forward(o.transpose(1, 2).reshape(b, nq, c)).MoveToOuterDisposeScope();
    }
}
