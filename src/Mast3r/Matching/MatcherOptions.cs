using TorchSharp;

namespace Mast3r.Matching;

/// <summary>
/// Settings of <see cref="FastReciprocalMatcher"/>; the defaults are the official README call
/// (<c>dist='dot', block_size=2**13</c>) on the CPU.
/// </summary>
public sealed record MatcherOptions
{
    /// <summary>Side of the similarity blocks (queries × database). 8192 as in the official call; any value gives the
    /// same nearest neighbours, it only bounds memory (block² floats).</summary>
    public int BlockSize { get; init; } = 1 << 13;

    /// <summary>Where the similarity products run. Null = CPU.</summary>
    public torch.Device? Device { get; init; }

    /// <summary>On the CPU, search with libtorch block products instead of the fused kernel (same answers; for the
    /// equivalence tests and the benchmark).</summary>
    internal bool TorchBlocksOnCpu { get; init; }

    internal torch.Device ResolvedDevice => Device ?? torch.CPU;
}
