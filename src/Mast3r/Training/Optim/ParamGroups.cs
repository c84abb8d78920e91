using TorchSharp.Modules;

namespace Mast3r.Training.Optim;

/// <summary>One optimiser parameter group: weight decay, lr scale and its named parameters (in module order).</summary>
internal sealed record ParamGroup(double WeightDecay, double LrScale, IReadOnlyList<(string Name, Parameter Param)> Params);

/// <summary>
/// The official parameter grouping (croco <c>utils.misc.get_parameter_groups</c>, the timm rule): weight decay for
/// tensors with at least two dimensions whose name does not end in ".bias"; none for biases and 1-D tensors.
/// Group 0 = decayed, group 1 = not decayed, as the official optimiser lists them.
/// </summary>
internal static class ParamGroups
{
    public static bool Decays(string name, long[] shape) => shape.Length >= 2 && !name.EndsWith(".bias", StringComparison.Ordinal);

    /// <summary>Every parameter is grouped (upstream skips requires_grad=False ones, but its mask_token requires grad; ours is
    /// created frozen and, like upstream's, never receives a gradient, so AdamW skips it either way).</summary>
    public static IReadOnlyList<ParamGroup> Split(IEnumerable<(string Name, Parameter Param)> named, double weightDecay)
    {
        var decay = new List<(string, Parameter)>();
        var noDecay = new List<(string, Parameter)>();
        foreach (var (name, p) in named)
        {
            (Decays(name, p.shape) ? decay : noDecay).Add((name, p));
        }
        return new[] { new ParamGroup(weightDecay, 1.0, decay), new ParamGroup(0.0, 1.0, noDecay) };
    }
}
