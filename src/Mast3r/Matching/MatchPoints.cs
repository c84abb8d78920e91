namespace Mast3r.Matching;

/// <summary>Sub-pixel correspondences between image A and image B in full-resolution pixel coordinates.</summary>
internal sealed record MatchPoints(double[] XA, double[] YA, double[] XB, double[] YB)
{
    public int Count => XA.Length;

    public static MatchPoints Concat(IEnumerable<MatchPoints> parts)
    {
        var list = parts.ToList();
        return new MatchPoints(list.SelectMany(p => p.XA).ToArray(), list.SelectMany(p => p.YA).ToArray(),
            list.SelectMany(p => p.XB).ToArray(), list.SelectMany(p => p.YB).ToArray());
    }
}
