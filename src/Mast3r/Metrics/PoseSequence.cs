using Mast3r.Geometry;

namespace Mast3r.Metrics;

/// <summary>
/// One evaluated sequence: its frames in ground-truth order with world→camera truth and, where present, the
/// estimate (null = missing).
/// </summary>
internal sealed record PoseSequence(string Name, IReadOnlyList<(string Frame, Pose Truth, Pose? Estimate)> Frames)
{
    /// <summary>The category is the sequence name up to its first '/' (the whole name when there is none).</summary>
    public string Category => Name.IndexOf('/') is int i and >= 0 ? Name[..i] : Name;
}
