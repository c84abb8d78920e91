namespace Mast3r.Model;

/// <summary>Maps parsed keyword arguments onto <see cref="Mast3rConfig"/>, naming any unknown or mistyped argument.</summary>
internal static class ModelArguments
{
    public static Mast3rConfig Apply(Mast3rConfig c, IEnumerable<KeyValuePair<string, object?>> kwargs)
    {
        foreach (var (key, value) in kwargs)
        {
            c = key switch
            {
                "img_size" => c with { ImgSize = Size(key, value) },
                "patch_size" => c with { PatchSize = Int(key, value) },
                "mask_ratio" => c with { MaskRatio = Num(key, value) },
                "enc_embed_dim" => c with { EncEmbedDim = Int(key, value) },
                "enc_depth" => c with { EncDepth = Int(key, value) },
                "enc_num_heads" => c with { EncNumHeads = Int(key, value) },
                "dec_embed_dim" => c with { DecEmbedDim = Int(key, value) },
                "dec_depth" => c with { DecDepth = Int(key, value) },
                "dec_num_heads" => c with { DecNumHeads = Int(key, value) },
                "mlp_ratio" => c with { MlpRatio = Num(key, value) },
                "norm_im2_in_dec" => c with { NormIm2InDec = Bool(key, value) },
                "pos_embed" => c with { PosEmbed = Str(key, value) },
                "output_mode" => c with { OutputMode = Str(key, value) },
                "head_type" => c with { HeadType = Str(key, value) },
                "depth_mode" => c with { DepthMode = Mode(key, value) },
                "conf_mode" => c with { ConfMode = Mode(key, value) },
                "desc_conf_mode" => c with { DescConfMode = value is null ? null : Mode(key, value) },
                "freeze" => c with { Freeze = Str(key, value) },
                "landscape_only" => c with { LandscapeOnly = Bool(key, value) },
                "patch_embed_cls" => c with { PatchEmbedCls = Str(key, value) },
                "desc_mode" => c with { DescMode = Str(key, value) },
                "two_confs" => c with { TwoConfs = Bool(key, value) },
                _ => throw new ModelConfigException($"model string: unknown argument '{key}' (AsymmetricMASt3R does not accept it)"),
            };
        }
        return c;
    }

    private static ModelConfigException Bad(string key, object? value, string expected) =>
        new($"model string: {key}={Show(value)} is not {expected}");

    private static string Show(object? v) => v switch
    {
        null => "None",
        string s => $"'{s}'",
        object?[] t => "(" + string.Join(", ", t.Select(Show)) + ")",
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    private static int Int(string key, object? v) =>
        v is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : throw Bad(key, v, "an integer");

    private static double Num(string key, object? v) => v switch
    {
        long l => l,
        double d => d,
        _ => throw Bad(key, v, "a number"),
    };

    private static bool Bool(string key, object? v) => v is bool b ? b : throw Bad(key, v, "True or False");

    private static string Str(string key, object? v) => v is string s ? s : throw Bad(key, v, "a string");

    private static (int, int) Size(string key, object? v) => v switch
    {
        long => (Int(key, v), Int(key, v)),
        object?[] { Length: 2 } t => (Int(key, t[0]), Int(key, t[1])),
        _ => throw Bad(key, v, "an int or an (H, W) tuple"),
    };

    private static HeadActivation Mode(string key, object? v) => v is object?[] { Length: 3 } t && t[0] is string m
        ? new HeadActivation(m, Num(key, t[1]), Num(key, t[2]))
        : throw Bad(key, v, "a (mode, min, max) tuple");
}
