namespace Mast3r.Geometry;

/// <summary>
/// Outcome of a robust pose solver: a pose and its inlier indices, or the reason there is none. Solvers report
/// degenerate input here instead of returning NaN, because in an evaluation a failed query is a normal
/// outcome (its errors count as ∞).
/// </summary>
internal sealed record PoseEstimate
{
    private PoseEstimate(Pose? pose, int[] inliers, string? failure)
    {
        Pose = pose;
        Inliers = inliers;
        Failure = failure;
    }

    /// <summary>The estimated transform; null on failure.</summary>
    public Pose? Pose { get; }

    /// <summary>Indices of the correspondences consistent with <see cref="Pose"/>, ascending.</summary>
    public int[] Inliers { get; }

    /// <summary>Why no pose was produced; null on success.</summary>
    public string? Failure { get; }

    public bool Success => Pose is not null;

    public static PoseEstimate Ok(Pose pose, int[] inliers) => new(pose, inliers, null);

    public static PoseEstimate Failed(string reason) => new(null, [], reason);
}
