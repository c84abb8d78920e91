namespace Mast3r.Matching;

/// <summary>
/// Exact Euclidean nearest neighbour among the valid points of a pointmap: a balanced k-d tree over an index
/// permutation (each node splits its segment at the median of its widest axis), searched in double precision.
/// Equal distances resolve to the smallest pixel index, as the first-argmax rule of the blocked searches does.
/// It plays the role of the scipy <c>KDTree</c> that DUSt3R's <c>find_reciprocal_matches</c> builds on the points.
/// </summary>
internal sealed class PointKdTree
{
    private const int LeafSize = 8;
    private readonly float[] _pts;
    private readonly int[] _order;   // pixel indices; segment [lo, hi) of a node, pivot at (lo + hi) / 2
    private readonly byte[] _axis;   // split axis of the node whose pivot sits at that position

    /// <param name="pts">[N·3] points (pixel i at 3i).</param>
    /// <param name="valid">Which pixels are searched; at least one.</param>
    public PointKdTree(float[] pts, bool[] valid)
    {
        _pts = pts;
        _order = Enumerable.Range(0, valid.Length).Where(i => valid[i]).ToArray();
        if (_order.Length == 0) throw new ArgumentException("no valid point to search", nameof(valid));
        _axis = new byte[_order.Length];
        Build(0, _order.Length);
    }

    /// <summary>The pixel index of the valid point nearest to (x, y, z).</summary>
    public int Nearest(double x, double y, double z)
    {
        var best = (Distance: double.PositiveInfinity, Index: int.MaxValue);
        Search(0, _order.Length, x, y, z, ref best);
        return best.Index;
    }

    private void Build(int lo, int hi)
    {
        while (hi - lo > LeafSize)
        {
            int mid = (lo + hi) / 2;
            int axis = WidestAxis(lo, hi);
            _axis[mid] = (byte)axis;
            Select(lo, hi - 1, mid, axis);
            Build(lo, mid);
            lo = mid + 1;
        }
    }

    private void Search(int lo, int hi, double x, double y, double z, ref (double Distance, int Index) best)
    {
        while (hi - lo > LeafSize)
        {
            int mid = (lo + hi) / 2;
            int p = _order[mid];
            Consider(p, x, y, z, ref best);
            int axis = _axis[mid];
            double diff = (axis == 0 ? x : axis == 1 ? y : z) - _pts[3 * p + axis];
            // Near side first; the far side only when the splitting plane is not farther than the best so far
            // (equal distances must still be visited for the smallest-index rule).
            if (diff < 0)
            {
                Search(lo, mid, x, y, z, ref best);
                if (diff * diff > best.Distance) return;
                lo = mid + 1;
            }
            else
            {
                Search(mid + 1, hi, x, y, z, ref best);
                if (diff * diff > best.Distance) return;
                hi = mid;
            }
        }
        for (int k = lo; k < hi; k++) Consider(_order[k], x, y, z, ref best);
    }

    private void Consider(int p, double x, double y, double z, ref (double Distance, int Index) best)
    {
        double dx = x - _pts[3 * p], dy = y - _pts[3 * p + 1], dz = z - _pts[3 * p + 2];
        double d = dx * dx + dy * dy + dz * dz;
        if (d < best.Distance || (d == best.Distance && p < best.Index)) best = (d, p);
    }

    private int WidestAxis(int lo, int hi)
    {
        Span<double> min = stackalloc double[] { double.MaxValue, double.MaxValue, double.MaxValue };
        Span<double> max = stackalloc double[] { double.MinValue, double.MinValue, double.MinValue };
        for (int k = lo; k < hi; k++)
            for (int a = 0; a < 3; a++)
            {
                double v = _pts[3 * _order[k] + a];
                if (v < min[a]) min[a] = v;
                if (v > max[a]) max[a] = v;
            }
        double e0 = max[0] - min[0], e1 = max[1] - min[1], e2 = max[2] - min[2];
        return e0 >= e1 && e0 >= e2 ? 0 : e1 >= e2 ? 1 : 2;
    }

    // Quickselect (Hoare partition, middle pivot) so that _order[k] holds the k-th smallest coordinate of [left, right].
    private void Select(int left, int right, int k, int axis)
    {
        while (left < right)
        {
            double pivot = _pts[3 * _order[(left + right) / 2] + axis];
            int i = left, j = right;
            while (i <= j)
            {
                while (_pts[3 * _order[i] + axis] < pivot) i++;
                while (_pts[3 * _order[j] + axis] > pivot) j--;
                if (i <= j) { (_order[i], _order[j]) = (_order[j], _order[i]); i++; j--; }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return;
        }
    }
}
