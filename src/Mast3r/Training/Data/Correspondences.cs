namespace Mast3r.Training.Data;

/// <summary>The random choices of correspondence sampling, injectable so a recorded draw can be replayed.</summary>
internal interface ICorrespondenceRandom
{
    /// <summary>The first <paramref name="k"/> entries of a random permutation of 0..n-1.</summary>
    int[] Permutation(int n, int k);

    /// <summary><paramref name="k"/> distinct members of <paramref name="candidates"/>, uniformly.</summary>
    int[] ChooseDistinct(IReadOnlyList<int> candidates, int k);
}

/// <summary>Default: a seeded <see cref="Random"/> (deliberately not NumPy's PCG64 stream).</summary>
internal sealed class SeededCorrespondenceRandom(Random random) : ICorrespondenceRandom
{
    public int[] Permutation(int n, int k)
    {
        var p = Enumerable.Range(0, n).ToArray();
        random.Shuffle(p);
        return p[..k];
    }

    public int[] ChooseDistinct(IReadOnlyList<int> candidates, int k)
    {
        var copy = candidates.ToArray();
        for (int i = 0; i < k; i++)
        {
            int j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy[..k];
    }
}

/// <summary>Pixel correspondences of a view pair: rows of (x, y) in each view; positives first.</summary>
internal sealed record CorrespondenceSet(int[] X1, int[] Y1, int[] X2, int[] Y2, bool[] Valid);

/// <summary>
/// Ground-truth correspondences from the two point maps (mirrors mast3r <c>datasets.utils.cropping
/// .extract_correspondences_from_pts3d</c>): every pixel's world point is projected into the other view (rounded
/// half-to-even, clamped); pixels that map onto each other both ways are positives. Sampling keeps
/// min(#positives, ⌊n·(1−nneg)⌋) positives (random subset) and fills up with negatives drawn without replacement among
/// the non-reciprocal pixels of each view. Arithmetic is float32 like the NumPy original.
/// </summary>
internal static class Correspondences
{
    /// <summary>One view's data: world points (H×W×3, row-major), intrinsics (3×3) and camera→world pose (4×4).</summary>
    internal sealed record View(float[] Pts3d, int Height, int Width, double[] K, double[] CamToWorld);

    /// <summary>All reciprocal pairs as flat pixel indices (view 1 ascending, matching view 2).</summary>
    public static (int[] Pos1, int[] Pos2, bool[] Reciprocal1, bool[] Reciprocal2) Reciprocal(View v1, View v2)
    {
        var to2 = Reproject(v1.Pts3d, v2);
        var to1 = Reproject(v2.Pts3d, v1);
        var rec1 = new bool[to2.Length];
        var rec2 = new bool[to1.Length];
        var pos1 = new List<int>();
        var pos2 = new List<int>();
        for (int i = 0; i < to2.Length; i++)
            if (to1[to2[i]] == i) { rec1[i] = true; pos1.Add(i); pos2.Add(to2[i]); }
        for (int j = 0; j < to1.Length; j++) rec2[j] = to2[to1[j]] == j;
        return (pos1.ToArray(), pos2.ToArray(), rec1, rec2);
    }

    public static CorrespondenceSet Sample(View v1, View v2, int target, double nneg, ICorrespondenceRandom random)
    {
        var (pos1, pos2, rec1, rec2) = Reciprocal(v1, v2);
        int availableNeg = Math.Min(rec1.Count(r => !r), rec2.Count(r => !r));
        int nPos = Math.Min(pos1.Length, (int)(target * (1 - nneg)));
        int nNeg = Math.Min(target - nPos, availableNeg);
        if (nPos + nNeg != target)
        {
            nPos = target - nNeg;
            if (nPos > pos1.Length)
                throw new InvalidOperationException($"only {pos1.Length} reciprocal and {availableNeg} negative pixels for {target} correspondences.");
        }
        if (nPos < pos1.Length)
        {
            var keep = random.Permutation(pos1.Length, nPos);
            pos1 = keep.Select(k => pos1[k]).ToArray();
            pos2 = keep.Select(k => pos2[k]).ToArray();
        }
        var neg1 = nNeg > 0 ? random.ChooseDistinct(Indices(rec1, false), nNeg) : Array.Empty<int>();
        var neg2 = nNeg > 0 ? random.ChooseDistinct(Indices(rec2, false), nNeg) : Array.Empty<int>();
        var all1 = pos1.Concat(neg1).ToArray();
        var all2 = pos2.Concat(neg2).ToArray();
        return new CorrespondenceSet(
            all1.Select(i => i % v1.Width).ToArray(), all1.Select(i => i / v1.Width).ToArray(),
            all2.Select(i => i % v2.Width).ToArray(), all2.Select(i => i / v2.Width).ToArray(),
            Enumerable.Range(0, all1.Length).Select(i => i < nPos).ToArray());
    }

    private static List<int> Indices(bool[] flags, bool value)
    {
        var list = new List<int>();
        for (int i = 0; i < flags.Length; i++) if (flags[i] == value) list.Add(i);
        return list;
    }

    /// <summary>Flat pixel index in <paramref name="target"/> of each world point (projected, rounded, clamped).</summary>
    internal static int[] Reproject(float[] pts, View target)
    {
        // P = K · [R | t] of world→camera, in float32 as NumPy computes it from float32 inputs.
        var w2c = Invert4(target.CamToWorld);
        var p = new float[12];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 4; c++)
            {
                float s = 0;
                for (int k = 0; k < 3; k++) s += (float)target.K[r * 3 + k] * (float)w2c[k * 4 + c];
                p[r * 4 + c] = s;
            }
        int n = pts.Length / 3;
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            float x = pts[3 * i], y = pts[3 * i + 1], z = pts[3 * i + 2];
            float u = p[0] * x + p[1] * y + p[2] * z + p[3];
            float v = p[4] * x + p[5] * y + p[6] * z + p[7];
            float w = p[8] * x + p[9] * y + p[10] * z + p[11];
            double px = Math.Clamp(Math.Round((double)(u / w), MidpointRounding.ToEven), 0, target.Width - 1);
            double py = Math.Clamp(Math.Round((double)(v / w), MidpointRounding.ToEven), 0, target.Height - 1);
            if (double.IsNaN(px) || double.IsNaN(py)) { px = 0; py = 0; }
            result[i] = (int)py * target.Width + (int)px;
        }
        return result;
    }

    /// <summary>General 4×4 inverse (Gauss–Jordan with partial pivoting), row-major, in float32 like np.linalg.inv on float32.</summary>
    internal static double[] Invert4(double[] m)
    {
        var a = new double[4, 8];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++) { a[r, c] = m[r * 4 + c]; a[r, c + 4] = r == c ? 1 : 0; }
        for (int col = 0; col < 4; col++)
        {
            int piv = col;
            for (int r = col + 1; r < 4; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[piv, col])) piv = r;
            for (int c = 0; c < 8; c++) (a[col, c], a[piv, c]) = (a[piv, c], a[col, c]);
            double d = a[col, col];
            if (d == 0) throw new InvalidOperationException("singular camera pose.");
            for (int c = 0; c < 8; c++) a[col, c] /= d;
            for (int r = 0; r < 4; r++)
            {
                if (r == col || a[r, col] == 0) continue;
                double f = a[r, col];
                for (int c = 0; c < 8; c++) a[r, c] -= f * a[col, c];
            }
        }
        var inv = new double[16];
        for (int r = 0; r < 4; r++) for (int c = 0; c < 4; c++) inv[r * 4 + c] = (float)a[r, c + 4];
        return inv;
    }
}
