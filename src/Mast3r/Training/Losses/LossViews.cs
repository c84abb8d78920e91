using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training.Losses;

/// <summary>
/// Ground truth of one view of a criterion batch, with the keys the official criterion reads
/// (losses.md §2). Shapes: B×H×W(×3); <see cref="Corres"/> is B×N×2 (x, y) in this view.
/// </summary>
internal sealed class GtView : IDisposable
{
    public required Tensor CameraPose { get; init; }     // B×4×4 camera→world
    public required Tensor Pts3d { get; init; }          // B×H×W×3 world frame
    public required Tensor ValidMask { get; init; }      // B×H×W bool
    public required Tensor SkyMask { get; init; }        // B×H×W bool
    public required Tensor IsMetricScale { get; init; }  // B bool
    public Tensor? Corres { get; init; }                 // B×N×2 int64 (x, y)
    public Tensor? ValidCorres { get; init; }            // B×N bool

    public void Dispose()
    {
        foreach (var t in new[] { CameraPose, Pts3d, ValidMask, SkyMask, IsMetricScale, Corres, ValidCorres }) t?.Dispose();
    }
}

/// <summary>
/// Prediction of one view as the criterion reads it: <see cref="Pts3d"/> is <c>pts3d</c> for view 1 and
/// <c>pts3d_in_other_view</c> for view 2 (both in camera-1 coordinates).
/// </summary>
internal sealed record PredView(Tensor Pts3d, Tensor Conf, Tensor? Desc, Tensor? DescConf);

/// <summary>A scalar loss and its monitoring details (official detail names, unweighted).</summary>
internal sealed record LossOutput(Tensor Loss, IReadOnlyDictionary<string, Tensor> Details)
{
    /// <summary>Detail values as doubles (forces evaluation).</summary>
    public Dictionary<string, double> DetailValues() => Details.ToDictionary(kv => kv.Key, kv => kv.Value.ToDouble());
}

/// <summary>Something the training loop can minimise: an official criterion or a sum / weighting of them.</summary>
internal abstract class Criterion
{
    public abstract LossOutput Compute(GtView gt1, GtView gt2, PredView pred1, PredView pred2);

    /// <summary>The official <c>repr</c>-like description, for logs.</summary>
    public abstract string Describe();

    internal static Tensor Scalar(Tensor like, double value) => torch.tensor(value, like.dtype, like.device);
}
