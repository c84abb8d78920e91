using Mast3r.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// The MASt3R network (mast3r model.py <c>AsymmetricMASt3R</c> on dust3r's <c>AsymmetricCroCo3DStereo</c> and croco's
/// <c>CroCoNet</c>): siamese ViT encoder with 2-D RoPE, two-branch cross-attention decoder updated simultaneously,
/// and one DPT + local-feature head per view. Every size comes from <see cref="Config"/>; field names reproduce the
/// official state-dict keys so weights load by name, strictly.
/// </summary>
public sealed class Mast3rModel : nn.Module
{
#pragma warning disable IDE1006 // state-dict names
    private readonly Parameter mask_token;
    private readonly PatchEmbed patch_embed;
    private readonly ModuleList<EncoderBlock> enc_blocks;
    private readonly LayerNorm enc_norm;
    private readonly Linear decoder_embed;
    private readonly ModuleList<DecoderBlock> dec_blocks;
    private readonly LayerNorm dec_norm;
    private readonly ModuleList<DecoderBlock> dec_blocks2;
    private readonly LocalFeatureDptHead downstream_head1;
    private readonly LocalFeatureDptHead downstream_head2;
#pragma warning restore IDE1006

    /// <summary>Builds a randomly initialised network for <paramref name="config"/>.</summary>
    public Mast3rModel(Mast3rConfig config) : base(nameof(Mast3rModel))
    {
        Config = config;
        double rope = config.RopeBase;
        // Built from a raw tensor, so keep it out of any dispose scope the caller may have open (modules' own
        // parameters already are); otherwise constructing the network inside a scope would dispose it.
        mask_token = nn.Parameter(zeros(1, 1, config.DecEmbedDim).DetachFromDisposeScope(), requires_grad: false);
        mask_token.DetachFromDisposeScope();
        patch_embed = new PatchEmbed(config.PatchSize, config.EncEmbedDim, config.ManyArPatchEmbed);
        enc_blocks = nn.ModuleList(Enumerable.Range(0, config.EncDepth)
            .Select(_ => new EncoderBlock(config.EncEmbedDim, config.EncNumHeads, config.EncMlpHidden, rope, Attention)).ToArray());
        enc_norm = nn.LayerNorm(config.EncEmbedDim, eps: 1e-6);
        decoder_embed = nn.Linear(config.EncEmbedDim, config.DecEmbedDim, hasBias: true);
        dec_blocks = nn.ModuleList(DecoderBlocks(config, rope, Attention));
        dec_norm = nn.LayerNorm(config.DecEmbedDim, eps: 1e-6);
        dec_blocks2 = nn.ModuleList(DecoderBlocks(config, rope, Attention));
        downstream_head1 = new LocalFeatureDptHead(config);
        downstream_head2 = new LocalFeatureDptHead(config);
        RegisterComponents();
    }

    /// <summary>The configuration the network was built from.</summary>
    public Mast3rConfig Config { get; }

    /// <summary>Dtype of encoder and decoder (the heads always run in float32, as upstream's AMP training does).</summary>
    public ScalarType TrunkDtype { get; private set; } = ScalarType.Float32;

    internal AttentionSettings Attention { get; } = new();

    private Device _device = CPU;

    /// <summary>
    /// Reads the model string from the checkpoint (with the official loader's rewrites), builds the network and loads
    /// the weights strictly; a missing, unexpected or mis-shaped key raises <see cref="CheckpointException"/>.
    /// </summary>
    public static Mast3rModel FromCheckpoint(Checkpoint checkpoint, bool applyLoaderRewrites = true)
    {
        string modelString = checkpoint.ModelString
            ?? throw new CheckpointException(checkpoint.Path, "args.model", "the checkpoint holds no model string (a bare state dict needs an explicit config)");
        Mast3rConfig config;
        try
        {
            config = Mast3rConfig.FromModelString(modelString, applyLoaderRewrites);
        }
        catch (ModelConfigException e)
        {
            throw new CheckpointException(checkpoint.Path, "args.model", e.Message, e);
        }
        return FromCheckpoint(checkpoint, config);
    }

    /// <summary>Builds the network for <paramref name="config"/> and loads the checkpoint's weights strictly.</summary>
    public static Mast3rModel FromCheckpoint(Checkpoint checkpoint, Mast3rConfig config)
    {
        var model = new Mast3rModel(config);
        try
        {
            StateDictLoader.Load(model, checkpoint);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return model;
    }

    /// <summary>Moves the network to <paramref name="device"/> and casts encoder and decoder to <paramref name="trunkDtype"/>.</summary>
    public Mast3rModel Place(Device device, ScalarType trunkDtype)
    {
        // A no-op when nothing changes, so a network shared by several predictors is never mutated under a running forward.
        if (device.type == _device.type && device.index == _device.index && trunkDtype == TrunkDtype) return this;
        this.to(device);
        _device = device;
        foreach (var m in new nn.Module[] { patch_embed, enc_blocks, enc_norm, decoder_embed, dec_blocks, dec_blocks2, dec_norm })
            m.to(trunkDtype);
        TrunkDtype = trunkDtype;
        return this;
    }

    /// <summary>
    /// One batch of ordered pairs: images [B,3,H1,W1] and [B,3,H2,W2] and per-sample true shapes; returns view 1's
    /// outputs and view 2's (pts3d in view 1's frame). With <paramref name="symmetrized"/> the batch is
    /// [(A,B),(B,A),…] and only even entries are encoded (dust3r <c>_encode_symmetrized</c>).
    /// </summary>
    internal (HeadOutput View1, HeadOutput View2) Forward(Tensor img1, Tensor img2, (int H, int W)[] shapes1,
        (int H, int W)[] shapes2, bool symmetrized = false, ActivationRecorder? rec = null)
    {
        using var scope = NewDisposeScope();
        var (f1, p1, f2, p2) = symmetrized ? EncodeSymmetrized(img1, img2, shapes1, shapes2) : EncodePair(img1, img2, shapes1, shapes2, rec);
        var (dec1, dec2) = Decode(f1, p1, f2, p2, rec);
        var res1 = Head(downstream_head1, dec1, shapes1, rec, "1");
        var res2 = Head(downstream_head2, dec2, shapes2, rec, "2");
        return (res1.MoveToOuterDisposeScope(), res2.MoveToOuterDisposeScope());
    }

    private (Tensor, Tensor, Tensor, Tensor) EncodeSymmetrized(Tensor img1, Tensor img2, (int H, int W)[] s1, (int H, int W)[] s2)
    {
        long b = img1.shape[0];
        using var even = arange(0, b, 2, dtype: int64, device: img1.device);
        var (f1, p1, f2, p2) = EncodePair(img1.index_select(0, even), img2.index_select(0, even),
            s1.Where((_, i) => i % 2 == 0).ToArray(), s2.Where((_, i) => i % 2 == 0).ToArray(), null);
        return (Interleave(f1, f2), Interleave(p1, p2), Interleave(f2, f1), Interleave(p2, p1));
    }

    private static Tensor Interleave(Tensor a, Tensor b) => stack([a, b], dim: 1).flatten(0, 1);

    /// <summary>Shared-weight encoding of both views; one batched pass when the shapes agree (dust3r <c>_encode_image_pairs</c>).</summary>
    private (Tensor, Tensor, Tensor, Tensor) EncodePair(Tensor img1, Tensor img2, (int H, int W)[] s1, (int H, int W)[] s2, ActivationRecorder? rec)
    {
        if (img1.shape.SequenceEqual(img2.shape))
        {
            var (f, p) = EncodeImage(cat([img1, img2], 0), [.. s1, .. s2], rec, "");
            var fs = f.chunk(2, 0);
            var ps = p.chunk(2, 0);
            return (fs[0], ps[0], fs[1], ps[1]);
        }
        var (fa, pa) = EncodeImage(img1, s1, rec, "_v1");
        var (fb, pb) = EncodeImage(img2, s2, rec, "_v2");
        return (fa, pa, fb, pb);
    }

    private (Tensor Tokens, Tensor Pos) EncodeImage(Tensor img, (int H, int W)[] shapes, ActivationRecorder? rec, string tag)
    {
        var (x, pos) = patch_embed.Forward(img.to(TrunkDtype), shapes);
        RecordViews(rec, "patch_embed", tag, x);
        RecordViews(rec, "pos", tag, pos);
        for (int i = 0; i < enc_blocks.Count; i++)
        {
            x = enc_blocks[i].Forward(x, pos);
            RecordViews(rec, $"enc_block{i}", tag, x);
        }
        x = enc_norm.forward(x);
        RecordViews(rec, "enc_out", tag, x);
        return (x, pos);
    }

    /// <summary>
    /// Both branches read the previous layer of both (dust3r <c>_decoder</c>). Returns per branch the head input list
    /// [encoder output, G¹ … G^(L−1), dec_norm(G^L)] in float32.
    /// </summary>
    private (List<Tensor>, List<Tensor>) Decode(Tensor f1, Tensor p1, Tensor f2, Tensor p2, ActivationRecorder? rec)
    {
        var out1 = new List<Tensor> { f1.to(float32) };
        var out2 = new List<Tensor> { f2.to(float32) };
        var g1 = decoder_embed.forward(f1);
        var g2 = decoder_embed.forward(f2);
        rec?.Record("dec_embed_v1", g1);
        rec?.Record("dec_embed_v2", g2);
        for (int i = 0; i < dec_blocks.Count; i++)
        {
            var n1 = dec_blocks[i].Forward(g1, g2, p1, p2);
            var n2 = dec_blocks2[i].Forward(g2, g1, p2, p1);
            (g1, g2) = (n1, n2);
            rec?.Record($"dec_layer{i + 1:D2}_v1", g1);
            rec?.Record($"dec_layer{i + 1:D2}_v2", g2);
            if (i < dec_blocks.Count - 1)
            {
                out1.Add(g1.to(float32));
                out2.Add(g2.to(float32));
            }
        }
        var last1 = dec_norm.forward(g1).to(float32);
        var last2 = dec_norm.forward(g2).to(float32);
        rec?.Record("dec_out_v1", last1);
        rec?.Record("dec_out_v2", last2);
        out1.Add(last1);
        out2.Add(last2);
        return (out1, out2);
    }

    /// <summary>Runs one head; with landscape_only, portrait samples run at their size and come back transposed (dust3r <c>transpose_to_landscape</c>).</summary>
    private HeadOutput Head(LocalFeatureDptHead head, List<Tensor> layers, (int H, int W)[] shapes, ActivationRecorder? rec, string tag)
    {
        HeadOutput Run(IReadOnlyList<Tensor> l, int h, int w)
        {
            long n = (long)(h / Config.PatchSize) * (w / Config.PatchSize);
            if (l[0].shape[1] != n) throw new ArgumentException($"true shape {h}×{w} does not match {l[0].shape[1]} tokens");
            return PostProcess.Apply(head.Forward(l, h, w, rec, tag), Config);
        }
        if (!Config.LandscapeOnly)
        {
            if (shapes.Any(s => s != shapes[0])) throw new ArgumentException("all samples of a view must share one true shape");
            return Run(layers, shapes[0].H, shapes[0].W);
        }
        int hl = shapes.Min(s => Math.Min(s.H, s.W)), wl = shapes.Max(s => Math.Max(s.H, s.W));
        var portrait = shapes.Select(s => s.W < s.H).ToArray();
        if (portrait.All(p => !p)) return Run(layers, hl, wl);
        if (portrait.All(p => p)) return Run(layers, wl, hl).Select(t => t.transpose(1, 2));
        var device = layers[0].device;
        var land = PatchEmbed.Indices(portrait, false, device);
        var port = PatchEmbed.Indices(portrait, true, device);
        var lo = Run(layers.Select(t => t.index_select(0, land)).ToList(), hl, wl);
        var po = Run(layers.Select(t => t.index_select(0, port)).ToList(), wl, hl).Select(t => t.transpose(1, 2));
        Tensor Merge(Tensor a, Tensor b)
        {
            var shape = a.shape.ToArray();
            shape[0] = shapes.Length;
            return zeros(shape, dtype: a.dtype, device: a.device).index_copy_(0, land, a).index_copy_(0, port, b);
        }
        return new HeadOutput(Merge(lo.Pts3d, po.Pts3d), Merge(lo.Conf, po.Conf), Merge(lo.Desc, po.Desc), Merge(lo.DescConf, po.DescConf));
    }

    private static void RecordViews(ActivationRecorder? rec, string name, string tag, Tensor t)
    {
        if (rec is null) return;
        if (tag.Length > 0)
        {
            rec.Record(name + tag, t);
            return;
        }
        var halves = t.chunk(2, 0);
        rec.Record(name + "_v1", halves[0]);
        rec.Record(name + "_v2", halves[1]);
    }

    private static DecoderBlock[] DecoderBlocks(Mast3rConfig c, double rope, AttentionSettings attention) => Enumerable.Range(0, c.DecDepth)
        .Select(_ => new DecoderBlock(c.DecEmbedDim, c.DecNumHeads, c.DecMlpHidden, c.NormIm2InDec, rope, attention)).ToArray();
}
