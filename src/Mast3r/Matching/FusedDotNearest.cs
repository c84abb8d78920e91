using System.Runtime.Intrinsics;

namespace Mast3r.Matching;

/// <summary>
/// CPU nearest neighbour by maximum dot product without any similarity matrix: each dot product is a fused
/// multiply-add chain over the descriptor dimension in order (k = 0 … D−1), which is bitwise what libtorch's CPU
/// sgemm produces for these shapes (checked by a unit test against <c>torch.matmul</c>), and the running maximum is
/// kept per SIMD lane with strict comparison, so the answer is the first global argmax like the official
/// blocked search (naver/mast3r <c>fast_nn.py</c>, dot-product brute force).
/// </summary>
internal sealed class FusedDotNearest : INearestSearch
{
    private const int Lanes = 8;
    private const int QueryGroup = 4;
    private readonly float[] _source;
    private readonly float[] _databaseT;
    private readonly int _dim;
    private readonly int _count;

    /// <param name="source">Row-major [N, D] query map.</param>
    /// <param name="database">Row-major [M, D] searched map.</param>
    /// <param name="dim">D.</param>
    public FusedDotNearest(float[] source, float[] database, int dim)
    {
        _source = source;
        _dim = dim;
        _count = database.Length / dim;
        // Dimension-major copy so that eight consecutive database rows load as one vector per dimension.
        _databaseT = new float[database.Length];
        for (int m = 0; m < _count; m++)
            for (int k = 0; k < dim; k++)
                _databaseT[k * _count + m] = database[m * dim + k];
    }

    public int[] Nearest(int[] queryRows)
    {
        var result = new int[queryRows.Length];
        int groups = (queryRows.Length + QueryGroup - 1) / QueryGroup;
        Parallel.For(0, groups, g =>
        {
            int first = g * QueryGroup, n = Math.Min(QueryGroup, queryRows.Length - first);
            var queries = new float[QueryGroup * _dim];
            for (int q = 0; q < n; q++)
                Array.Copy(_source, (long)queryRows[first + q] * _dim, queries, q * _dim, _dim);
            SearchGroup(queries, n, result.AsSpan(first, n));
        });
        return result;
    }

    private void SearchGroup(float[] queries, int n, Span<int> answers)
    {
        int vectorEnd = _count - _count % Lanes;
        Span<Vector256<float>> bestValue = stackalloc Vector256<float>[QueryGroup];
        Span<Vector256<int>> bestIndex = stackalloc Vector256<int>[QueryGroup];
        bestValue.Fill(Vector256.Create(float.NegativeInfinity));
        bestIndex.Fill(Vector256.Create(int.MaxValue));
        var laneOffsets = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        for (int j = 0; j < vectorEnd; j += Lanes)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int k = 0; k < _dim; k++)
            {
                var v = Vector256.Create<float>(_databaseT.AsSpan(k * _count + j, Lanes));
                a0 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[k]), v, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[_dim + k]), v, a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[2 * _dim + k]), v, a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[3 * _dim + k]), v, a3);
            }
            var index = Vector256.Create(j) + laneOffsets;
            Keep(ref bestValue[0], ref bestIndex[0], a0, index);
            Keep(ref bestValue[1], ref bestIndex[1], a1, index);
            Keep(ref bestValue[2], ref bestIndex[2], a2, index);
            Keep(ref bestValue[3], ref bestIndex[3], a3, index);
        }
        for (int q = 0; q < n; q++)
        {
            var (value, idx) = ReduceLanes(bestValue[q], bestIndex[q]);
            for (int m = vectorEnd; m < _count; m++)
            {
                float dot = 0f;
                for (int k = 0; k < _dim; k++) dot = MathF.FusedMultiplyAdd(queries[q * _dim + k], _databaseT[k * _count + m], dot);
                if (dot > value) (value, idx) = (dot, m);
            }
            answers[q] = idx;
        }
    }

    private static void Keep(ref Vector256<float> best, ref Vector256<int> bestIndex, Vector256<float> value, Vector256<int> index)
    {
        var better = Vector256.GreaterThan(value, best);
        best = Vector256.ConditionalSelect(better, value, best);
        bestIndex = Vector256.ConditionalSelect(better.AsInt32(), index, bestIndex);
    }

    // Largest value over the lanes; among equal maxima the smallest index, i.e. the first occurrence.
    private static (float Value, int Index) ReduceLanes(Vector256<float> values, Vector256<int> indices)
    {
        float value = float.NegativeInfinity;
        int index = int.MaxValue;
        for (int l = 0; l < Lanes; l++)
        {
            float v = values[l];
            int i = indices[l];
            if (v > value || (v == value && i < index)) (value, index) = (v, i);
        }
        return (value, index);
    }
}
