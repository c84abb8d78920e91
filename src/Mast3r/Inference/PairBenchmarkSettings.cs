using TorchSharp;

namespace Mast3r.Inference;

/// <summary>What one <see cref="PairBenchmark"/> run measures.</summary>
/// <param name="Batch">Pair directions per forward call (B). With <paramref name="Symmetric"/>, B must be even.</param>
/// <param name="Height">Image rows (multiple of 16).</param>
/// <param name="Width">Image columns (multiple of 16).</param>
/// <param name="Device">Where the network runs.</param>
/// <param name="Precision">Compute precision of the network.</param>
/// <param name="Tf32">Whether CUDA matmuls/convolutions may use TF32 (ignored on CPU).</param>
/// <param name="Symmetric">Batch holds both directions of B/2 pairs, so one encoder pass can serve both.</param>
/// <param name="Warmup">Untimed calls before measuring.</param>
/// <param name="Repetitions">Timed calls.</param>
internal sealed record PairBenchmarkSettings(
    int Batch, int Height, int Width, torch.Device Device, BenchPrecision Precision, bool Tf32,
    bool Symmetric, int Warmup, int Repetitions)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Batch < 1) throw new ArgumentException($"batch must be at least 1 (got {Batch})");
        if (Symmetric && Batch % 2 != 0) throw new ArgumentException($"a symmetric batch holds both directions of each pair, so it must be even (got {Batch})");
        if (Height < 16 || Width < 16 || Height % 16 != 0 || Width % 16 != 0)
            throw new ArgumentException($"size {Width}x{Height} must be positive multiples of 16");
        if (Warmup < 0) throw new ArgumentException($"warm-up must be non-negative (got {Warmup})");
        if (Repetitions < 1) throw new ArgumentException($"repetitions must be at least 1 (got {Repetitions})");
    }
}

/// <summary>Network compute precision for benchmarks.</summary>
internal enum BenchPrecision
{
    /// <summary>float32 (on CUDA, TF32 only if enabled separately).</summary>
    Fp32,

    /// <summary>bfloat16.</summary>
    Bf16,

    /// <summary>float16.</summary>
    Fp16,
}
