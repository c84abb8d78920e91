namespace Mast3r.Metrics.MapFree;

/// <summary>
/// Ground truth of one map-free scene as the official benchmark script sees it (the model-side loader is
/// Mast3r.Datasets.MapFree.MapFreeScene): intrinsics and world→camera poses keyed by
/// the frame number only (characters [-9:-4] of the image name), in first-insertion order with later lines
/// overwriting earlier values — so <c>seq0/frame_00000</c> and <c>seq1/frame_00000</c> share key 0.
/// </summary>
public sealed class MapFreeGroundTruth
{
    /// <summary>Creates a scene.</summary>
    /// <param name="name">Scene name, e.g. <c>s00460</c>; the submission file is <c>pose_&lt;name&gt;.txt</c>.</param>
    /// <param name="intrinsics">Per-frame intrinsics.</param>
    /// <param name="width">Image width used for clipping (the reference takes it from the last intrinsics line).</param>
    /// <param name="height">Image height used for clipping.</param>
    /// <param name="poses">Ground-truth poses in file order (dictionary semantics, see the class remarks).</param>
    public MapFreeGroundTruth(string name, IReadOnlyDictionary<int, MapFreeIntrinsics> intrinsics, double width, double height,
        OrderedDictionary<int, MapFreePose> poses)
    {
        if (!(width > 0) || !(height > 0)) throw new ArgumentException($"scene {name}: image size must be positive, got {width}×{height}");
        Name = name;
        Intrinsics = intrinsics;
        Width = width;
        Height = height;
        Poses = poses;
    }

    /// <summary>Scene name.</summary>
    public string Name { get; }

    /// <summary>Intrinsics by frame number.</summary>
    public IReadOnlyDictionary<int, MapFreeIntrinsics> Intrinsics { get; }

    /// <summary>Clipping width in pixels.</summary>
    public double Width { get; }

    /// <summary>Clipping height in pixels.</summary>
    public double Height { get; }

    /// <summary>All ground-truth poses by frame number, in insertion order.</summary>
    public OrderedDictionary<int, MapFreePose> Poses { get; }

    /// <summary>
    /// The evaluated frames: every <paramref name="subsample"/>-th entry by position in <see cref="Poses"/>
    /// (benchmark/utils.py subsample_poses), not every 5th frame number.
    /// </summary>
    public IEnumerable<KeyValuePair<int, MapFreePose>> EvaluatedFrames(int subsample = MapFreeBenchmark.FrameSubsample) =>
        Poses.Where((_, i) => i % subsample == 0);
}
