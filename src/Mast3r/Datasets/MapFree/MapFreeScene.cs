using Mast3r.Geometry;

namespace Mast3r.Datasets.MapFree;

/// <summary>One frame of a map-free scene: its relative name (<c>seq1/frame_00005.jpg</c>), intrinsics and world→camera pose.</summary>
internal sealed record MapFreeFrame(string Name, CameraIntrinsics Camera, Pose? Pose)
{
    /// <summary>The integer frame number from characters [-9:-4] of the name (the benchmark's key).</summary>
    public int FrameNumber => int.Parse(Name.AsSpan(Name.Length - 9, 5), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A Map-free relocalization scene <c>{split}/sNNNNN/</c> (protocols.md §2.1): <c>intrinsics.txt</c>
/// (<c>name fx fy cx cy W H</c>), <c>poses.txt</c> (<c>name qw qx qy qz tx ty tz</c>, world→camera, reference = identity),
/// <c>seq0/frame_00000.jpg</c> and the query frames <c>seq1/…</c>. Test poses are all zeros (hidden) → <c>Pose = null</c>.
/// </summary>
internal sealed class MapFreeScene
{
    public required string Id { get; init; }
    public required string Directory { get; init; }
    public required MapFreeFrame Reference { get; init; }
    public required IReadOnlyList<MapFreeFrame> Queries { get; init; }

    /// <summary>The evaluated single-frame queries: every 5th entry of the sorted query list (protocols.md §2.2).</summary>
    public IEnumerable<MapFreeFrame> EvaluatedQueries => Queries.Where((_, i) => i % 5 == 0);

    public static MapFreeScene Read(string sceneDir)
    {
        string intrPath = Path.Combine(sceneDir, "intrinsics.txt");
        string posePath = Path.Combine(sceneDir, "poses.txt");
        var intr = new Dictionary<string, CameraIntrinsics>(StringComparer.Ordinal);
        foreach (var r in TextRecords.ReadWhitespace(intrPath))
        {
            r.RequireFields(7);
            // Map-free intrinsics are used as given (pixel-centre convention of the benchmark's pinhole projection).
            intr[r.Fields[0]] = new CameraIntrinsics(r.Int(5), r.Int(6), r.Double(1), r.Double(2), r.Double(3), r.Double(4));
        }
        var poses = new Dictionary<string, Pose?>(StringComparer.Ordinal);
        if (File.Exists(posePath))
            foreach (var r in TextRecords.ReadWhitespace(posePath))
            {
                r.RequireFields(8);
                double qn = Math.Abs(r.Double(1)) + Math.Abs(r.Double(2)) + Math.Abs(r.Double(3)) + Math.Abs(r.Double(4));
                poses[r.Fields[0]] = qn == 0 ? null : Pose.FromQuaternion(r.Double(1), r.Double(2), r.Double(3), r.Double(4), r.Double(5), r.Double(6), r.Double(7));
            }
        const string refName = "seq0/frame_00000.jpg";
        if (!intr.TryGetValue(refName, out var refCam)) throw new InvalidDataException($"{intrPath}: no line for the reference frame {refName}");
        var queries = intr.Keys.Where(k => k.StartsWith("seq1/", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal)
            .Select(k => new MapFreeFrame(k, intr[k], poses.GetValueOrDefault(k))).ToList();
        if (queries.Count == 0) throw new InvalidDataException($"{intrPath}: no query frames (seq1/…)");
        return new MapFreeScene
        {
            Id = Path.GetFileName(sceneDir.TrimEnd('/')),
            Directory = sceneDir,
            Reference = new MapFreeFrame(refName, refCam, Pose.Identity),
            Queries = queries,
        };
    }
}
