using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Checkpoints;

/// <summary>
/// Builds a complete float32 state dict with <see cref="PortableWeights"/> values for a configuration, so that
/// <c>--random-weights full|tiny</c> can stand in for a checkpoint. Alias keys share one tensor, as in the
/// official pickle.
/// </summary>
internal static class SyntheticStateDict
{
    /// <summary>Every entry of <see cref="StateDictLayout.For"/>(<paramref name="shape"/>) on the CPU; the caller owns the tensors.</summary>
    public static Dictionary<string, Tensor> Create(ArchitectureShape shape)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var layout = StateDictLayout.For(shape);
        foreach (var entry in layout.Where(e => !StateDictLayout.IsAlias(e.Name)))
            result[entry.Name] = tensor(PortableWeights.Generate(entry.Name, entry.Shape), entry.Shape, ScalarType.Float32);
        foreach (var entry in layout.Where(e => StateDictLayout.IsAlias(e.Name)))
            result[entry.Name] = result[PortableWeights.CanonicalName(entry.Name)].alias();
        return result;
    }
}
