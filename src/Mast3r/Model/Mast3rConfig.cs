using System.Globalization;

namespace Mast3r.Model;

/// <summary>
/// The constructor arguments of <c>AsymmetricMASt3R</c> (architecture-spec §1.3) with the official defaults, and
/// every size the network derives from them. Build it with <see cref="FromModelString"/> from a checkpoint's
/// <c>args.model</c>; nothing here is specific to one checkpoint.
/// </summary>
public sealed record Mast3rConfig
{
    /// <summary>Patch-embed bookkeeping size (H, W); no tensor depends on it under RoPE.</summary>
    public (int Height, int Width) ImgSize { get; init; } = (224, 224);
    /// <summary>Patch size (16; the DPT geometry requires it).</summary>
    public int PatchSize { get; init; } = 16;
    /// <summary>Masking ratio of CroCo pretraining (unused at inference).</summary>
    public double MaskRatio { get; init; } = 0.9;
    /// <summary>Encoder width Ce.</summary>
    public int EncEmbedDim { get; init; } = 768;
    /// <summary>Encoder blocks.</summary>
    public int EncDepth { get; init; } = 12;
    /// <summary>Encoder attention heads.</summary>
    public int EncNumHeads { get; init; } = 12;
    /// <summary>Decoder width Cd.</summary>
    public int DecEmbedDim { get; init; } = 512;
    /// <summary>Blocks per decoder branch (must exceed 9).</summary>
    public int DecDepth { get; init; } = 8;
    /// <summary>Decoder attention heads.</summary>
    public int DecNumHeads { get; init; } = 16;
    /// <summary>Transformer MLP hidden width factor.</summary>
    public double MlpRatio { get; init; } = 4;
    /// <summary>Whether decoder blocks normalise the other view's tokens (<c>norm_y</c>).</summary>
    public bool NormIm2InDec { get; init; } = true;
    /// <summary>The <c>pos_embed</c> text, e.g. 'RoPE100'.</summary>
    public string PosEmbed { get; init; } = "cosine";
    /// <summary>Output mode text, e.g. 'pts3d+desc24'.</summary>
    public string OutputMode { get; init; } = "pts3d";
    /// <summary>Head type; only 'catmlp+dpt' is implemented.</summary>
    public string HeadType { get; init; } = "linear";
    /// <summary>pts3d post-processing.</summary>
    public HeadActivation DepthMode { get; init; } = new("exp", double.NegativeInfinity, double.PositiveInfinity);
    /// <summary>3-D confidence post-processing.</summary>
    public HeadActivation ConfMode { get; init; } = new("exp", 1, double.PositiveInfinity);
    /// <summary>Descriptor confidence post-processing; null falls back to <see cref="ConfMode"/>.</summary>
    public HeadActivation? DescConfMode { get; init; }
    /// <summary>Freeze setting (training only).</summary>
    public string Freeze { get; init; } = "none";
    /// <summary>True wraps heads so portrait outputs come back transposed (the ManyAR training path, §4.9).</summary>
    public bool LandscapeOnly { get; init; } = true;
    /// <summary>'PatchEmbedDust3R' (plain) or 'ManyAR_PatchEmbed' (landscape layout input, §4.9).</summary>
    public string PatchEmbedCls { get; init; } = "PatchEmbedDust3R";
    /// <summary>Descriptor normalisation; only 'norm'.</summary>
    public string DescMode { get; init; } = "norm";
    /// <summary>Whether the local head emits its own descriptor-confidence channel.</summary>
    public bool TwoConfs { get; init; }

    /// <summary>RoPE frequency base parsed from <see cref="PosEmbed"/>.</summary>
    public double RopeBase => double.Parse(PosEmbed["RoPE".Length..], CultureInfo.InvariantCulture);
    /// <summary>Descriptor dimension D parsed from <see cref="OutputMode"/>.</summary>
    public int DescDim => int.Parse(OutputMode["pts3d+desc".Length..], CultureInfo.InvariantCulture);
    /// <summary>The effective descriptor-confidence mode.</summary>
    public HeadActivation EffectiveDescConfMode => DescConfMode ?? ConfMode;
    /// <summary>DPT hooks into the head input list: [0, ⌊2L/4⌋, ⌊3L/4⌋, L].</summary>
    public int[] DptHooks => [0, DecDepth * 2 / 4, DecDepth * 3 / 4, DecDepth];
    /// <summary>Encoder MLP hidden width.</summary>
    public int EncMlpHidden => (int)(EncEmbedDim * MlpRatio);
    /// <summary>Decoder MLP hidden width.</summary>
    public int DecMlpHidden => (int)(DecEmbedDim * MlpRatio);
    /// <summary>Local-feature MLP hidden width, int(4·(Ce + Cd)).</summary>
    public int LocalHidden => (int)(4.0 * (EncEmbedDim + DecEmbedDim));
    /// <summary>Local-feature MLP output width, (D + two_confs)·p².</summary>
    public int LocalOut => (DescDim + (TwoConfs ? 1 : 0)) * PatchSize * PatchSize;
    /// <summary>True for the ManyAR (landscape layout) patch embed.</summary>
    public bool ManyArPatchEmbed => PatchEmbedCls == "ManyAR_PatchEmbed";

    /// <summary>
    /// Parses a model string. With <paramref name="applyLoaderRewrites"/> (default) the official loader's rewrites
    /// are applied first (architecture-spec §1.2): ManyAR_PatchEmbed → PatchEmbedDust3R, landscape_only=False.
    /// </summary>
    public static Mast3rConfig FromModelString(string modelString, bool applyLoaderRewrites = true)
    {
        ArgumentNullException.ThrowIfNull(modelString);
        string s = applyLoaderRewrites ? ApplyLoaderRewrites(modelString.Trim()) : modelString;
        var (name, kwargs) = PyLiteralParser.ParseCall(s);
        if (name != "AsymmetricMASt3R")
            throw new ModelConfigException($"model class '{name}' is not supported (only AsymmetricMASt3R)");
        var config = ModelArguments.Apply(new Mast3rConfig(), kwargs);
        config.Validate();
        return config;
    }

    /// <summary>The string transformation of the official <c>load_model</c> (mast3r/model.py).</summary>
    public static string ApplyLoaderRewrites(string s)
    {
        s = s.Replace("ManyAR_PatchEmbed", "PatchEmbedDust3R", StringComparison.Ordinal);
        if (!s.Contains("landscape_only", StringComparison.Ordinal))
            return s[..^1] + ", landscape_only=False)";
        return s.Replace(" ", "", StringComparison.Ordinal)
            .Replace("landscape_only=True", "landscape_only=False", StringComparison.Ordinal);
    }

    private void Validate()
    {
        static ModelConfigException Bad(string what) => new($"unsupported model configuration: {what}");
        if (HeadType != "catmlp+dpt") throw Bad($"head_type='{HeadType}' (only 'catmlp+dpt' is implemented)");
        if (!PosEmbed.StartsWith("RoPE", StringComparison.Ordinal) ||
            !double.TryParse(PosEmbed[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out double b) || !(b > 0))
            throw Bad($"pos_embed='{PosEmbed}' (only 'RoPE<base>', e.g. 'RoPE100')");
        if (!OutputMode.StartsWith("pts3d+desc", StringComparison.Ordinal) ||
            !int.TryParse(OutputMode["pts3d+desc".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int d) || d <= 0)
            throw Bad($"output_mode='{OutputMode}' (only 'pts3d+desc<D>')");
        if (PatchEmbedCls is not ("PatchEmbedDust3R" or "ManyAR_PatchEmbed")) throw Bad($"patch_embed_cls='{PatchEmbedCls}'");
        if (DescMode != "norm") throw Bad($"desc_mode='{DescMode}' (only 'norm')");
        if (PatchSize != 16) throw Bad($"patch_size={PatchSize} (the DPT head's upsampling chain assumes 16)");
        if (ImgSize.Height % PatchSize != 0 || ImgSize.Width % PatchSize != 0 || ImgSize.Height <= 0 || ImgSize.Width <= 0)
            throw Bad($"img_size={ImgSize} is not a positive multiple of patch_size {PatchSize}");
        if (DecDepth <= 9) throw Bad($"dec_depth={DecDepth} (the MASt3R head factory requires dec_depth > 9)");
        CheckWidth("enc", EncEmbedDim, EncNumHeads, EncDepth);
        CheckWidth("dec", DecEmbedDim, DecNumHeads, DecDepth);
        if (!(MlpRatio > 0) || EncMlpHidden <= 0 || DecMlpHidden <= 0) throw Bad($"mlp_ratio={MlpRatio}");
        if (Freeze is not ("none" or "mask" or "encoder")) throw Bad($"freeze='{Freeze}'");
        if (DepthMode.Mode is not ("exp" or "square" or "linear")) throw Bad($"depth_mode {DepthMode} (modes: exp, square, linear)");
        if (!double.IsNegativeInfinity(DepthMode.Min) || !double.IsPositiveInfinity(DepthMode.Max))
            throw Bad($"depth_mode {DepthMode}: finite bounds are rejected by the official post-processing");
        foreach (var (label, mode) in new[] { ("conf_mode", ConfMode), ("desc_conf_mode", EffectiveDescConfMode) })
            if (mode.Mode is not ("exp" or "sigmoid")) throw Bad($"{label} {mode} (modes: exp, sigmoid)");
    }

    private static void CheckWidth(string prefix, int dim, int heads, int depth)
    {
        if (dim <= 0 || heads <= 0 || depth <= 0)
            throw new ModelConfigException($"unsupported model configuration: {prefix}_embed_dim={dim}, {prefix}_num_heads={heads}, {prefix}_depth={depth} must be positive");
        if (dim % heads != 0 || dim / heads % 4 != 0)
            throw new ModelConfigException($"unsupported model configuration: {prefix}_embed_dim={dim} / {prefix}_num_heads={heads} must give a head dimension divisible by 4 (2-D RoPE)");
    }
}
