namespace Mast3r.Tests.TestSupport;

/// <summary>The fixture sampling schemes of fixtures.md §7.1 on channels-last [H, W, C] maps.</summary>
internal static class Sampling
{
    /// <summary>Rows 0, K, 2K, … &lt; n, plus n − 1 if it is not already included.</summary>
    public static int[] Grid(int n, int k)
    {
        var idx = Enumerable.Range(0, (n + k - 1) / k).Select(i => i * k).ToList();
        if (idx[^1] != n - 1) idx.Add(n - 1);
        return idx.ToArray();
    }

    /// <summary>Selects rows × columns of a channels-last map.</summary>
    public static float[] Select(float[] map, int h, int w, int c, int[] rows, int[] cols)
    {
        var result = new float[rows.Length * cols.Length * c];
        int o = 0;
        foreach (int r in rows)
            foreach (int col in cols)
                for (int ch = 0; ch < c; ch++)
                    result[o++] = map[(r * w + col) * c + ch];
        return result;
    }

    /// <summary>Applies a file suffix: "" (full), _s5, _s9, _win_tl, _win_br.</summary>
    public static float[] Apply(string suffix, float[] map, int h, int w, int c) => suffix switch
    {
        "" => map,
        "_s5" => Select(map, h, w, c, Grid(h, 5), Grid(w, 5)),
        "_s9" => Select(map, h, w, c, Grid(h, 9), Grid(w, 9)),
        "_win_tl" => Select(map, h, w, c, Enumerable.Range(0, 32).ToArray(), Enumerable.Range(0, 48).ToArray()),
        "_win_br" => Select(map, h, w, c, Enumerable.Range(h - 32, 32).ToArray(), Enumerable.Range(w - 48, 48).ToArray()),
        _ => throw new ArgumentException($"unknown sampling suffix '{suffix}'"),
    };
}
