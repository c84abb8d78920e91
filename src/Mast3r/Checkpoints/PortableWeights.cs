namespace Mast3r.Checkpoints;

/// <summary>
/// Portable synthetic weights, scheme v1 (shared docs portable-weights.md): every parameter value is a pure
/// function of the tensor's canonical name, its shape and the element's row-major index, so that this port and
/// the official implementation can run the same full-size network without a checkpoint download. Our own
/// implementation of the documented scheme; there is no upstream code for it.
/// </summary>
internal static class PortableWeights
{
    private const uint FnvOffsetBasis = 0x811C9DC5;
    private const uint FnvPrime = 0x01000193;
    private const uint GoldenRatio = 0x9E3779B9;
    private const string AliasInfix = ".dpt.scratch.layer_rn.";

    /// <summary>FNV-1a 32-bit hash of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static uint Fnv1a32(string text)
    {
        uint h = FnvOffsetBasis;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(text))
            h = unchecked((h ^ b) * FnvPrime);
        return h;
    }

    /// <summary>
    /// The name whose hash seeds a tensor: <c>…dpt.scratch.layer_rn.{i}.weight</c> is the same tensor as
    /// <c>…dpt.scratch.layer{i+1}_rn.weight</c> and takes that name's values; every other name is its own.
    /// </summary>
    public static string CanonicalName(string name)
    {
        int at = name.IndexOf(AliasInfix, StringComparison.Ordinal);
        if (at < 0 || !name.EndsWith(".weight", StringComparison.Ordinal)) return name;
        string index = name[(at + AliasInfix.Length)..^".weight".Length];
        if (!int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i))
            return name;
        return $"{name[..at]}.dpt.scratch.layer{i + 1}_rn.weight";
    }

    /// <summary>The uniform deviate u ∈ [−1, 1) of element <paramref name="index"/> of the tensor seeded by <paramref name="seed"/>.</summary>
    public static double Uniform(uint seed, long index)
    {
        uint x = seed ^ unchecked((uint)index * GoldenRatio);
        unchecked
        {
            x ^= x >> 16;
            x *= 0x7FEB352D;
            x ^= x >> 15;
            x *= 0x846CA68B;
            x ^= x >> 16;
        }
        return (x >> 8) * (1.0 / (1 << 23)) - 1.0;
    }

    /// <summary>
    /// The scale a = 2^⌊log2 √(3/fan_in)⌋ of a tensor with two or more dimensions, found by exact doubling and
    /// halving (a·a·fan_in ≤ 3) so that no floating-point logarithm can round across a power of two.
    /// </summary>
    public static double MatrixScale(long fanIn)
    {
        if (fanIn <= 0) throw new ArgumentOutOfRangeException(nameof(fanIn), fanIn, "fan_in must be positive");
        double a = 1.0;
        while (a * a * fanIn > 3.0) a *= 0.5;
        while (4.0 * a * a * fanIn <= 3.0) a *= 2.0;
        return a;
    }

    /// <summary>All values of the tensor <paramref name="name"/> with <paramref name="shape"/>, row-major, float32.</summary>
    /// <exception cref="ArgumentException">The shape is empty or has a non-positive dimension.</exception>
    public static float[] Generate(string name, IReadOnlyList<long> shape)
    {
        if (shape.Count == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"tensor '{name}': shape [{string.Join(", ", shape)}] must have positive dimensions", nameof(shape));
        long count = shape.Aggregate(1L, (p, d) => p * d);
        if (count > Array.MaxLength)
            throw new ArgumentException($"tensor '{name}' has {count} elements, more than one array can hold", nameof(shape));

        uint seed = Fnv1a32(CanonicalName(name));
        (double scale, double offset) = shape.Count >= 2
            ? (MatrixScale(count / shape[0]), 0.0)
            : name.EndsWith(".weight", StringComparison.Ordinal) ? (1.0 / 8, 1.0) : (1.0 / 16, 0.0);

        var values = new float[count];
        const int chunk = 1 << 16;
        int chunks = (int)((count + chunk - 1) / chunk);
        Parallel.For(0, chunks, c =>
        {
            long end = Math.Min(count, (long)(c + 1) * chunk);
            for (long j = (long)c * chunk; j < end; j++)
                values[j] = (float)(offset + Uniform(seed, j) * scale);
        });
        return values;
    }

    /// <summary>
    /// Overwrites every parameter and buffer of <paramref name="module"/> with its portable values, by state-dict
    /// name; returns how many tensors were set. Works for any module whose names follow the official keys.
    /// </summary>
    public static int ApplyTo(TorchSharp.torch.nn.Module module)
    {
        int count = 0;
        using var noGrad = TorchSharp.torch.no_grad();
        foreach (var (name, tensor) in module.state_dict())
        {
            using var values = TorchSharp.torch.tensor(Generate(name, tensor.shape), tensor.shape, TorchSharp.torch.ScalarType.Float32);
            tensor.copy_(values);
            count++;
        }
        return count;
    }
}
