using Mast3r.Checkpoints;

namespace Mast3r.Inference;

/// <summary>
/// Analytic FLOP count (2 × multiply-accumulates) of the MASt3R forward for one H×W pair, by part, following the
/// layer shapes of architecture-spec §4.3–4.6 (the same convention as torch's FlopCounterMode, which agrees on the
/// full configuration: 2.037 TFLOP per non-symmetrised 512×384 pair, architecture-spec §5). Norms, softmax, GELU,
/// RoPE, interpolation and pixel shuffle are below 1 % and not counted.
/// </summary>
/// <param name="PatchEmbed">Both images' patch embedding.</param>
/// <param name="Encoder">Both images' encoder blocks.</param>
/// <param name="DecoderEmbed">Both branches' decoder_embed.</param>
/// <param name="Decoder">Both decoder branches.</param>
/// <param name="DptHeads">Both DPT heads.</param>
/// <param name="LocalHeads">Both local-feature MLP heads.</param>
internal sealed record PairFlops(double PatchEmbed, double Encoder, double DecoderEmbed, double Decoder, double DptHeads, double LocalHeads)
{
    /// <summary>One non-symmetrised pair forward: two images encoded, both decoder branches, both heads.</summary>
    public double Total => PatchEmbed + Encoder + DecoderEmbed + Decoder + DptHeads + LocalHeads;

    /// <summary>Both directions of a pair with one shared encoder pass: everything but the encoder twice.</summary>
    public double SymmetricPair => 2 * Total - PatchEmbed - Encoder;

    /// <summary>Counts the FLOPs of <paramref name="shape"/> on an <paramref name="height"/>×<paramref name="width"/> pair.</summary>
    public static PairFlops For(ArchitectureShape shape, int height, int width)
    {
        int p = shape.PatchSize;
        if (height <= 0 || width <= 0 || height % p != 0 || width % p != 0)
            throw new ArgumentException($"image size {width}x{height} must be positive multiples of {p}");
        double h = height / p, w = width / p, n = h * w, ce = shape.EncDim, cd = shape.DecDim;

        // MACs per image / branch / head; every figure is doubled once for the two views and once for FLOP = 2 MAC.
        double patchEmbed = n * 3 * p * p * ce;
        // Pre-norm block: qkv 3C² + proj C² + MLP 8C² per token, plus QKᵀ and AV (N²C each).
        double encoder = shape.EncDepth * (12 * n * ce * ce + 2 * n * n * ce);
        double decoderEmbed = n * ce * cd;
        // Self-attention 4C² + cross-attention (q, k, v, proj) 4C² + MLP 8C² per token; two N²C terms per attention.
        double decoder = shape.DecDepth * (16 * n * cd * cd + 4 * n * n * cd);
        double dpt = DptMacs(shape, h, w);
        double idim = ce + cd;
        double local = n * (idim * 4 * idim + 4 * idim * (shape.DescDim + (shape.TwoConfs ? 1 : 0)) * p * p);
        const double twoViewsTimesTwoFlops = 4;
        return new PairFlops(twoViewsTimesTwoFlops * patchEmbed, twoViewsTimesTwoFlops * encoder, twoViewsTimesTwoFlops * decoderEmbed,
            twoViewsTimesTwoFlops * decoder, twoViewsTimesTwoFlops * dpt, twoViewsTimesTwoFlops * local);
    }

    /// <summary>MACs of one DPT head (architecture-spec §4.5), including the output convolution.</summary>
    private static double DptMacs(ArchitectureShape shape, double h, double w)
    {
        int[] d = StateDictLayout.DptLayerDims;
        double f = StateDictLayout.DptFeatureDim, last = StateDictLayout.DptLastDim, n = h * w;
        double n4 = Math.Ceiling(h / 2) * Math.Ceiling(w / 2); // act3's stride-2 grid
        double ce = shape.EncDim, cd = shape.DecDim;
        // Pixels per level: act0 at 4× (16N), act1 at 2× (4N), act2 at 1× (N), act3 at ½× (n4).
        double[] pixels = [16 * n, 4 * n, n, n4];
        double macs = 0;
        macs += n * ce * d[0] + pixels[0] * d[0] * d[0];            // 1×1 + ConvTranspose k4 s4 (one tap per output pixel)
        macs += n * cd * d[1] + pixels[1] * d[1] * d[1];            // 1×1 + ConvTranspose k2 s2
        macs += n * cd * d[2];                                      // 1×1
        macs += n * cd * d[3] + pixels[3] * d[3] * d[3] * 9;        // 1×1 + 3×3 stride 2
        for (int i = 0; i < 4; i++) macs += pixels[i] * d[i] * f * 9; // layer{i}_rn 3×3 to 256
        double rcu = 2 * 9 * f * f;                                 // residual conv unit: two 3×3 convs
        macs += pixels[3] * rcu + 4 * pixels[3] * f * f;            // refinenet4: RCU2, up×2, out_conv
        for (int i = 2; i >= 0; i--)
            macs += pixels[i] * 2 * rcu + 4 * pixels[i] * f * f;    // refinenet3..1: RCU1 + RCU2, up×2, out_conv
        double full = 4 * pixels[0];                                // refinenet1 output grid (H/2 × W/2)
        macs += full * f * last * 9;                                // head.0 3×3 256→128
        macs += 4 * full * last * last * 9 + 4 * full * last * 4;   // after up×2: head.2 3×3 and head.4 1×1 → 4
        return macs;
    }
}
