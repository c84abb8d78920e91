using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>Collects named intermediate activations as CPU float32 copies (for layer-by-layer parity tests).</summary>
internal sealed class ActivationRecorder
{
    public Dictionary<string, (long[] Shape, float[] Data)> Values { get; } = new(StringComparer.Ordinal);

    public void Record(string name, Tensor t)
    {
        using var cpu = t.detach().to(float32).cpu().contiguous();
        Values[name] = (cpu.shape.ToArray(), cpu.data<float>().ToArray());
    }
}
