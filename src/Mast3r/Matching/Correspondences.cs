using Mast3r.IO;

namespace Mast3r.Matching;

/// <summary>
/// Pixel correspondences between two maps: row i pairs (X1[i], Y1[i]) in the first map with (X2[i], Y2[i]) in the
/// second. Produced sorted by (linear index in map 1, then in map 2), without duplicates, as the official
/// <c>fast_reciprocal_NNs</c> returns them.
/// </summary>
public sealed class Correspondences
{
    /// <summary>Creates a set from four equally long coordinate arrays.</summary>
    public Correspondences(int[] x1, int[] y1, int[] x2, int[] y2)
    {
        if (x1.Length != y1.Length || x1.Length != x2.Length || x1.Length != y2.Length)
            throw new ArgumentException($"coordinate arrays differ in length ({x1.Length}, {y1.Length}, {x2.Length}, {y2.Length})");
        X1 = x1; Y1 = y1; X2 = x2; Y2 = y2;
    }

    /// <summary>Columns in map 1.</summary>
    public int[] X1 { get; }

    /// <summary>Rows in map 1.</summary>
    public int[] Y1 { get; }

    /// <summary>Columns in map 2.</summary>
    public int[] X2 { get; }

    /// <summary>Rows in map 2.</summary>
    public int[] Y2 { get; }

    /// <summary>Number of correspondences.</summary>
    public int Count => X1.Length;

    /// <summary>The rows where <paramref name="keep"/> is true, in order.</summary>
    public Correspondences Where(IReadOnlyList<bool> keep)
    {
        if (keep.Count != Count) throw new ArgumentException($"mask has {keep.Count} entries for {Count} correspondences", nameof(keep));
        var idx = Enumerable.Range(0, Count).Where(i => keep[i]).ToArray();
        return new Correspondences(idx.Select(i => X1[i]).ToArray(), idx.Select(i => Y1[i]).ToArray(),
            idx.Select(i => X2[i]).ToArray(), idx.Select(i => Y2[i]).ToArray());
    }

    /// <summary>
    /// The README's border filter: true where b ≤ x &lt; W − b and b ≤ y &lt; H − b in <b>both</b> maps
    /// (naver/mast3r README quick-matching example, b = 3).
    /// </summary>
    public bool[] BorderMask(int border, (int Height, int Width) shape1, (int Height, int Width) shape2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(border);
        var mask = new bool[Count];
        for (int i = 0; i < Count; i++)
            mask[i] = Inside(X1[i], Y1[i], shape1) && Inside(X2[i], Y2[i], shape2);
        return mask;

        bool Inside(int x, int y, (int Height, int Width) s) => x >= border && x < s.Width - border && y >= border && y < s.Height - border;
    }

    /// <summary>int32 [N, 4] = x1, y1, x2, y2, the <c>mast3r match</c> output format.</summary>
    public NpyArray ToNpy()
    {
        var values = new int[Count * 4];
        for (int i = 0; i < Count; i++)
        {
            values[4 * i] = X1[i];
            values[4 * i + 1] = Y1[i];
            values[4 * i + 2] = X2[i];
            values[4 * i + 3] = Y2[i];
        }
        return NpyArray.FromInts(values, Count, 4);
    }
}
