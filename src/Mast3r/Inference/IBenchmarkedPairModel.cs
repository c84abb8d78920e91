using static TorchSharp.torch;

namespace Mast3r.Inference;

/// <summary>
/// The part of a pair network the benchmark drives: a batched forward on device tensors. Implemented by an
/// adapter over the MASt3R model, so the benchmark times exactly the code path inference uses.
/// </summary>
internal interface IBenchmarkedPairModel
{
    /// <summary>A name for the report (checkpoint file or weight preset).</summary>
    string Name { get; }

    /// <summary>Which implementation choices are active (e.g. the attention kernel), for the report.</summary>
    string Variant { get; }

    /// <summary>
    /// Runs B ordered pairs (<paramref name="first"/>, <paramref name="second"/>: [B,3,H,W] on the model's device,
    /// in its dtype) and returns the local descriptors of both views, [B,H,W,D]. When
    /// <paramref name="symmetric"/> is set, entries 2k and 2k+1 are the two directions of one pair.
    /// </summary>
    (Tensor Desc1, Tensor Desc2) Forward(Tensor first, Tensor second, bool symmetric);
}
