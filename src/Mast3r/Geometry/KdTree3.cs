namespace Mast3r.Geometry;

/// <summary>
/// A static 3-D k-d tree over a flat x, y, z array (implicit layout: the median of each index range is the node,
/// split on the axis of largest spread), for exact nearest-neighbour and radius queries on millions of points —
/// what sklearn's KD-tree does for DTUeval-python and KDTreeSearcher/rangesearch for the MATLAB code, and the scipy
/// KDTree behind DUSt3R's 3-D reciprocal matching (<see cref="Matching.PointmapReciprocalMatcher"/>).
/// </summary>
internal sealed class KdTree3
{
    private const int LeafSize = 12;
    private readonly double[] _points; // tree order
    private readonly int[] _original; // tree position → input index
    private readonly byte[] _axis;

    public KdTree3(double[] xyz)
    {
        if (xyz.Length % 3 != 0) throw new ArgumentException("point array length must be a multiple of 3");
        int n = xyz.Length / 3;
        _original = Enumerable.Range(0, n).ToArray();
        _axis = new byte[n];
        Build(xyz, 0, n);
        _points = new double[xyz.Length];
        for (int k = 0; k < n; k++)
            for (int c = 0; c < 3; c++)
                _points[3 * k + c] = xyz[3 * _original[k] + c];
    }

    public int Count => _original.Length;

    private void Build(double[] xyz, int lo, int hi)
    {
        while (hi - lo > LeafSize)
        {
            int axis = WidestAxis(xyz, lo, hi);
            int mid = (lo + hi) >>> 1;
            Select(xyz, lo, hi - 1, mid, axis);
            _axis[mid] = (byte)axis;
            Build(xyz, lo, mid);
            lo = mid + 1;
        }
    }

    private int WidestAxis(double[] xyz, int lo, int hi)
    {
        Span<double> min = [double.MaxValue, double.MaxValue, double.MaxValue];
        Span<double> max = [double.MinValue, double.MinValue, double.MinValue];
        for (int k = lo; k < hi; k++)
            for (int c = 0; c < 3; c++)
            {
                double v = xyz[3 * _original[k] + c];
                if (v < min[c]) min[c] = v;
                if (v > max[c]) max[c] = v;
            }
        double sx = max[0] - min[0], sy = max[1] - min[1], sz = max[2] - min[2];
        return sx >= sy && sx >= sz ? 0 : sy >= sz ? 1 : 2;
    }

    /// <summary>Quickselect (Hoare partition, median-of-three pivot) so that position k holds its order statistic.</summary>
    private void Select(double[] xyz, int left, int right, int k, int axis)
    {
        var idx = _original;
        double Key(int i) => xyz[3 * idx[i] + axis];
        while (right > left)
        {
            int m = (left + right) >>> 1;
            if (Key(m) < Key(left)) (idx[m], idx[left]) = (idx[left], idx[m]);
            if (Key(right) < Key(left)) (idx[right], idx[left]) = (idx[left], idx[right]);
            if (Key(right) < Key(m)) (idx[right], idx[m]) = (idx[m], idx[right]);
            double pivot = Key(m);
            int i = left, j = right;
            while (i <= j)
            {
                while (Key(i) < pivot) i++;
                while (Key(j) > pivot) j--;
                if (i <= j) { (idx[i], idx[j]) = (idx[j], idx[i]); i++; j--; }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return;
        }
    }

    /// <summary>
    /// Squared distance to the nearest point if it is below <paramref name="boundSquared"/>, else +∞ (the bound
    /// prunes the search: DTU discards distances beyond 20 mm anyway).
    /// </summary>
    public double NearestSquared(double x, double y, double z, double boundSquared = double.PositiveInfinity)
    {
        double best = boundSquared;
        int bestIndex = -1;
        Nearest(0, Count, x, y, z, ref best, ref bestIndex);
        return bestIndex >= 0 ? best : double.PositiveInfinity;
    }

    /// <summary>
    /// Input index of the point nearest to (x, y, z); among equally near points the smallest input index (the
    /// first-argmin rule of the blocked matcher searches); −1 for an empty tree.
    /// </summary>
    public int NearestIndex(double x, double y, double z)
    {
        double best = double.PositiveInfinity;
        int bestIndex = -1;
        Nearest(0, Count, x, y, z, ref best, ref bestIndex);
        return bestIndex;
    }

    // One search for both queries: best starts at the bound (or +∞) with no index; a point below it, or exactly at it
    // with a smaller input index, becomes the answer.
    private void Nearest(int lo, int hi, double x, double y, double z, ref double best, ref int bestIndex)
    {
        while (hi - lo > LeafSize)
        {
            int mid = (lo + hi) >>> 1;
            Visit(mid, x, y, z, ref best, ref bestIndex);
            int axis = _axis[mid];
            double diff = (axis == 0 ? x : axis == 1 ? y : z) - _points[3 * mid + axis];
            // Prune on '>' (not '>='): a subtree exactly at the best distance may hold an equally near, smaller index.
            if (diff < 0)
            {
                Nearest(lo, mid, x, y, z, ref best, ref bestIndex);
                if (diff * diff > best) return;
                lo = mid + 1;
            }
            else
            {
                Nearest(mid + 1, hi, x, y, z, ref best, ref bestIndex);
                if (diff * diff > best) return;
                hi = mid;
            }
        }
        for (int k = lo; k < hi; k++) Visit(k, x, y, z, ref best, ref bestIndex);
    }

    private void Visit(int k, double x, double y, double z, ref double best, ref int bestIndex)
    {
        double dx = _points[3 * k] - x, dy = _points[3 * k + 1] - y, dz = _points[3 * k + 2] - z;
        double d2 = dx * dx + dy * dy + dz * dz;
        int index = _original[k];
        if (d2 < best || (d2 == best && index < bestIndex)) (best, bestIndex) = (d2, index);
    }

    /// <summary>Input indices of all points within <paramref name="radius"/> (inclusive) of (x, y, z).</summary>
    public void WithinRadius(double x, double y, double z, double radius, List<int> result)
    {
        result.Clear();
        Radius(0, Count, x, y, z, radius, radius * radius, result);
    }

    private void Radius(int lo, int hi, double x, double y, double z, double r, double r2, List<int> result)
    {
        while (hi - lo > LeafSize)
        {
            int mid = (lo + hi) >>> 1;
            AddIfWithin(mid, x, y, z, r2, result);
            int axis = _axis[mid];
            double diff = (axis == 0 ? x : axis == 1 ? y : z) - _points[3 * mid + axis];
            if (diff <= r) Radius(lo, mid, x, y, z, r, r2, result);
            if (diff < -r) return;
            lo = mid + 1;
        }
        for (int k = lo; k < hi; k++) AddIfWithin(k, x, y, z, r2, result);
    }

    private void AddIfWithin(int k, double x, double y, double z, double r2, List<int> result)
    {
        double dx = _points[3 * k] - x, dy = _points[3 * k + 1] - y, dz = _points[3 * k + 2] - z;
        if (dx * dx + dy * dy + dz * dz <= r2) result.Add(_original[k]);
    }
}
