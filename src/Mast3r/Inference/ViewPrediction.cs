namespace Mast3r.Inference;

/// <summary>
/// One view's network outputs on the CPU, channels last (the official <c>pred1</c>/<c>pred2</c> dictionaries with
/// the batch squeezed). For view 2 of a pair, <see cref="Pts3d"/> is <c>pts3d_in_other_view</c> (view 1's frame).
/// </summary>
/// <param name="Height">Rows H.</param>
/// <param name="Width">Columns W.</param>
/// <param name="Pts3d">[H,W,3] points.</param>
/// <param name="Conf">[H,W] 3-D confidence.</param>
/// <param name="Desc">[H,W,D] unit-norm local descriptors.</param>
/// <param name="DescConf">[H,W] descriptor confidence.</param>
/// <param name="DescDim">D (24 for the release).</param>
public sealed record ViewPrediction(int Height, int Width, float[] Pts3d, float[] Conf, float[] Desc, float[] DescConf, int DescDim);

/// <summary>The two views' outputs for one ordered pair (view 1 = first image, the reference frame).</summary>
public sealed record PairPrediction(ViewPrediction View1, ViewPrediction View2);

/// <summary>
/// Anything that turns an ordered image pair into pointmaps and descriptors: the MASt3R network, or the
/// synthetic ground-truth oracle used by the embedded suite. Pipelines depend on this, not on the network.
/// </summary>
public interface IPairPredictor
{
    /// <summary>A name for reports and provenance (e.g. the checkpoint file, or "ground-truth oracle").</summary>
    string Name { get; }

    /// <summary>Predicts both views of each ordered pair, in order.</summary>
    IReadOnlyList<PairPrediction> Predict(IReadOnlyList<(Images.PreprocessedImage First, Images.PreprocessedImage Second)> pairs);
}
