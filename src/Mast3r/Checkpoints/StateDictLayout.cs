namespace Mast3r.Checkpoints;

/// <summary>One state-dict entry: its official key and shape.</summary>
/// <param name="Name">Official key, e.g. <c>enc_blocks.0.attn.qkv.weight</c>.</param>
/// <param name="Shape">Tensor shape (PyTorch layout; ConvTranspose2d weights are [in, out, kH, kW]).</param>
internal sealed record StateDictEntry(string Name, long[] Shape);

/// <summary>
/// The keys and shapes of the official <c>AsymmetricMASt3R</c> state dict for any <see cref="ArchitectureShape"/>,
/// as tabulated in architecture-spec §2 (1017 keys for every configuration; the four
/// <c>scratch.layer_rn.{i}</c> keys alias <c>scratch.layer{i+1}_rn</c>). Entries follow the official module order;
/// nothing downstream depends on the order.
/// </summary>
internal static class StateDictLayout
{
    /// <summary>DPT feature widths after the hooks (fixed by the official head factory).</summary>
    internal static readonly int[] DptLayerDims = [96, 192, 384, 768];

    /// <summary>DPT fusion width.</summary>
    internal const int DptFeatureDim = 256;

    /// <summary>Width of the last DPT convolution before the 1×1 output conv.</summary>
    internal const int DptLastDim = 128;

    /// <summary>All entries of the state dict of <paramref name="shape"/>.</summary>
    public static IReadOnlyList<StateDictEntry> For(ArchitectureShape shape)
    {
        var entries = new List<StateDictEntry>();
        void Add(string name, params long[] dims) => entries.Add(new StateDictEntry(name, dims));
        void Linear(string name, long outDim, long inDim) { Add($"{name}.weight", outDim, inDim); Add($"{name}.bias", outDim); }
        void Norm(string name, long dim) { Add($"{name}.weight", dim); Add($"{name}.bias", dim); }
        void Conv(string name, long outDim, long inDim, long k, bool bias = true)
        {
            Add($"{name}.weight", outDim, inDim, k, k);
            if (bias) Add($"{name}.bias", outDim);
        }
        void ConvTranspose(string name, long dim, long k) { Add($"{name}.weight", dim, dim, k, k); Add($"{name}.bias", dim); }

        int ce = shape.EncDim, cd = shape.DecDim, p = shape.PatchSize;
        Add("mask_token", 1, 1, cd);
        Conv("patch_embed.proj", ce, 3, p);
        for (int i = 0; i < shape.EncDepth; i++)
        {
            string b = $"enc_blocks.{i}";
            Norm($"{b}.norm1", ce);
            Linear($"{b}.attn.qkv", 3 * ce, ce);
            Linear($"{b}.attn.proj", ce, ce);
            Norm($"{b}.norm2", ce);
            Linear($"{b}.mlp.fc1", 4 * ce, ce);
            Linear($"{b}.mlp.fc2", ce, 4 * ce);
        }
        Norm("enc_norm", ce);
        Linear("decoder_embed", cd, ce);
        foreach (string branch in new[] { "dec_blocks", "dec_blocks2" })
        {
            if (branch == "dec_blocks2") Norm("dec_norm", cd);
            for (int i = 0; i < shape.DecDepth; i++)
            {
                string b = $"{branch}.{i}";
                Norm($"{b}.norm1", cd);
                Linear($"{b}.attn.qkv", 3 * cd, cd);
                Linear($"{b}.attn.proj", cd, cd);
                foreach (string proj in new[] { "projq", "projk", "projv", "proj" })
                    Linear($"{b}.cross_attn.{proj}", cd, cd);
                Norm($"{b}.norm2", cd);
                Norm($"{b}.norm3", cd);
                Norm($"{b}.norm_y", cd);
                Linear($"{b}.mlp.fc1", 4 * cd, cd);
                Linear($"{b}.mlp.fc2", cd, 4 * cd);
            }
        }
        for (int head = 1; head <= 2; head++)
            AddHead($"downstream_head{head}", shape, Add, Linear, Conv, ConvTranspose);
        return entries;
    }

    private static void AddHead(string h, ArchitectureShape shape, Action<string, long[]> add,
        Action<string, long, long> linear, Action<string, long, long, long, bool> conv, Action<string, long, long> convTranspose)
    {
        int f = DptFeatureDim;
        int[] dims = DptLayerDims;
        for (int i = 0; i < 4; i++) conv($"{h}.dpt.scratch.layer{i + 1}_rn", f, dims[i], 3, false);
        for (int i = 0; i < 4; i++) conv($"{h}.dpt.scratch.layer_rn.{i}", f, dims[i], 3, false);
        for (int r = 1; r <= 4; r++)
        {
            string rn = $"{h}.dpt.scratch.refinenet{r}";
            conv($"{rn}.out_conv", f, f, 1, true);
            for (int u = 1; u <= 2; u++)
                for (int c = 1; c <= 2; c++)
                    conv($"{rn}.resConfUnit{u}.conv{c}", f, f, 3, true);
        }
        conv($"{h}.dpt.head.0", DptLastDim, f, 3, true);
        conv($"{h}.dpt.head.2", DptLastDim, DptLastDim, 3, true);
        conv($"{h}.dpt.head.4", 4, DptLastDim, 1, true);
        int[] hookDims = [shape.EncDim, shape.DecDim, shape.DecDim, shape.DecDim];
        for (int i = 0; i < 4; i++) conv($"{h}.dpt.act_postprocess.{i}.0", dims[i], hookDims[i], 1, true);
        convTranspose($"{h}.dpt.act_postprocess.0.1", dims[0], 4);
        convTranspose($"{h}.dpt.act_postprocess.1.1", dims[1], 2);
        conv($"{h}.dpt.act_postprocess.3.1", dims[3], dims[3], 3, true);
        int idim = shape.EncDim + shape.DecDim;
        linear($"{h}.head_local_features.fc1", 4 * idim, idim);
        linear($"{h}.head_local_features.fc2", (shape.DescDim + (shape.TwoConfs ? 1 : 0)) * shape.PatchSize * shape.PatchSize, 4 * idim);
    }

    /// <summary>Whether <paramref name="name"/> is one of the four alias keys that share storage with another key.</summary>
    public static bool IsAlias(string name) => PortableWeights.CanonicalName(name) != name;
}
