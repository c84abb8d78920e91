using Mast3r.Checkpoints;
using Mast3r.Model;
using static TorchSharp.torch;

namespace Mast3r.Inference;

/// <summary>
/// The MASt3R network behind <see cref="IBenchmarkedPairModel"/>: the same <see cref="Mast3rModel.Forward"/> that
/// <see cref="Mast3rPredictor"/> runs, on device tensors, without the host copies of the predictor's outputs.
/// </summary>
internal sealed class Mast3rBenchModel : IBenchmarkedPairModel, IDisposable
{
    private Mast3rBenchModel(Mast3rModel model, ArchitectureShape shape, string name) => (Model, Shape, Name) = (model, shape, name);

    /// <summary>The network (owned).</summary>
    public Mast3rModel Model { get; }

    /// <summary>Its size-determining configuration, for the FLOP count.</summary>
    public ArchitectureShape Shape { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Variant => $"attention={(Model.Attention.Kernel is FusedAttention ? "fused" : "explicit")}, trunk={Model.TrunkDtype}";

    /// <summary>
    /// Selects the attention kernel: the fused scaled-dot-product path (the fast path; RoPE is applied before it)
    /// or the explicit one the parity tests use.
    /// </summary>
    public Mast3rBenchModel UseFusedAttention(bool fused)
    {
        Model.Attention.Kernel = fused ? FusedAttention.Instance : ExplicitAttention.Instance;
        return this;
    }

    /// <summary>A network of configuration <paramref name="shape"/> holding the portable synthetic weights (scheme v1).</summary>
    public static Mast3rBenchModel FromPortableWeights(ArchitectureShape shape, string name, Device device, ScalarType trunkDtype)
    {
        var model = CreatePortable(shape);
        return new Mast3rBenchModel(model.Place(device, trunkDtype), shape, name);
    }

    /// <summary>A network loaded strictly from an official checkpoint.</summary>
    public static Mast3rBenchModel FromCheckpoint(string path, Device device, ScalarType trunkDtype)
    {
        var model = Mast3rModel.FromCheckpoint(Checkpoint.Load(path));
        return new Mast3rBenchModel(model.Place(device, trunkDtype), ShapeOf(model.Config), Path.GetFileName(path));
    }

    /// <summary>Builds the official configuration of <paramref name="shape"/> (through its model string and the loader rewrites) with portable weights, on the CPU in float32.</summary>
    internal static Mast3rModel CreatePortable(ArchitectureShape shape)
    {
        var model = new Mast3rModel(Mast3rConfig.FromModelString(shape.ModelString));
        try
        {
            PortableWeights.ApplyTo(model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return model;
    }

    /// <summary>The FLOP-relevant sizes of a parsed configuration.</summary>
    internal static ArchitectureShape ShapeOf(Mast3rConfig c)
    {
        if (c.MlpRatio != 4)
            throw new ArgumentException($"mlp_ratio={c.MlpRatio}: the analytic FLOP count assumes the MLP ratio 4 of every released MASt3R model");
        return new ArchitectureShape(c.EncEmbedDim, c.EncDepth, c.EncNumHeads, c.DecEmbedDim, c.DecDepth, c.DecNumHeads, c.DescDim, c.TwoConfs, c.PatchSize);
    }

    /// <inheritdoc/>
    public (Tensor Desc1, Tensor Desc2) Forward(Tensor first, Tensor second, bool symmetric)
    {
        var shapes = Enumerable.Repeat(((int)first.shape[2], (int)first.shape[3]), (int)first.shape[0]).ToArray();
        var (v1, v2) = Model.Forward(first, second, shapes, shapes, symmetric);
        return (v1.Desc, v2.Desc);
    }

    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
