namespace Mast3r.Checkpoints;

/// <summary>
/// The size-determining constructor arguments of an <c>AsymmetricMASt3R</c> network (architecture-spec §1.3),
/// enough to enumerate its state dict and count its FLOPs. Everything else (RoPE100, catmlp+dpt heads, DPT
/// constants 256/128/[96,192,384,768], MLP ratio 4) is fixed for every configuration this suite supports.
/// </summary>
/// <param name="EncDim">Encoder width Ce.</param>
/// <param name="EncDepth">Encoder blocks.</param>
/// <param name="EncHeads">Encoder attention heads.</param>
/// <param name="DecDim">Decoder width Cd.</param>
/// <param name="DecDepth">Blocks per decoder branch (the official head factory requires more than 9).</param>
/// <param name="DecHeads">Decoder attention heads.</param>
/// <param name="DescDim">Local descriptor dimension (24 for <c>output_mode='pts3d+desc24'</c>).</param>
/// <param name="TwoConfs">Whether the local head emits its own descriptor confidence channel.</param>
/// <param name="PatchSize">Patch size (16).</param>
internal sealed record ArchitectureShape(
    int EncDim, int EncDepth, int EncHeads, int DecDim, int DecDepth, int DecHeads,
    int DescDim = 24, bool TwoConfs = true, int PatchSize = 16)
{
    /// <summary>The released checkpoint's configuration (portable-weights.md "full").</summary>
    public static ArchitectureShape Full { get; } = new(1024, 24, 16, 768, 12, 12);

    /// <summary>The parity fixture model's configuration (portable-weights.md "tiny", fixtures.md <c>tiny_a</c>).</summary>
    public static ArchitectureShape Tiny { get; } = new(64, 4, 4, 48, 10, 4);

    /// <summary>DPT hooks [0, ⌊2L/4⌋, ⌊3L/4⌋, L] with L = <see cref="DecDepth"/> (architecture-spec §1.3).</summary>
    public IReadOnlyList<int> DptHooks => [0, 2 * DecDepth / 4, 3 * DecDepth / 4, DecDepth];

    /// <summary>
    /// The official constructor string of this configuration (the form stored in a checkpoint's <c>args.model</c>;
    /// portable-weights.md "Configurations" for the two presets), before the official loader's rewrites.
    /// </summary>
    public string ModelString =>
        "AsymmetricMASt3R(pos_embed='RoPE100', patch_embed_cls='ManyAR_PatchEmbed', img_size=(512, 512), " +
        $"head_type='catmlp+dpt', output_mode='pts3d+desc{DescDim}', depth_mode=('exp', -inf, inf), conf_mode=('exp', 1, inf), " +
        $"enc_embed_dim={EncDim}, enc_depth={EncDepth}, enc_num_heads={EncHeads}, dec_embed_dim={DecDim}, dec_depth={DecDepth}, " +
        $"dec_num_heads={DecHeads}, two_confs={(TwoConfs ? "True" : "False")}, desc_conf_mode=('exp', 0, inf))";

    /// <summary>Looks up a named preset (<c>full</c> or <c>tiny</c>, case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not a known preset.</exception>
    public static ArchitectureShape FromPreset(string name) => name.ToLowerInvariant() switch
    {
        "full" => Full,
        "tiny" => Tiny,
        _ => throw new ArgumentException($"unknown weight preset '{name}' (expected 'full' or 'tiny')", nameof(name)),
    };
}
