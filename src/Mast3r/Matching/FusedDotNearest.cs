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
    private const int QueryGroup = 8;
    private const int GroupsPerTask = 8;
    // Database rows per tile: 1024 rows x 24 dims x 4 B = 96 KiB, so a tile stays in L2 while every query group of
    // a task scans it; without tiling each group would stream the whole map from memory.
    private const int TileRows = 1024;
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
        const int perTask = QueryGroup * GroupsPerTask;
        int tasks = (queryRows.Length + perTask - 1) / perTask;
        Parallel.For(0, tasks, t =>
        {
            int first = t * perTask, n = Math.Min(perTask, queryRows.Length - first);
            SearchTask(queryRows.AsSpan(first, n), result.AsSpan(first, n));
        });
        return result;
    }

    private void SearchTask(ReadOnlySpan<int> rows, Span<int> answers)
    {
        int groups = (rows.Length + QueryGroup - 1) / QueryGroup;
        var queries = new float[groups * QueryGroup * _dim];
        for (int q = 0; q < rows.Length; q++)
            Array.Copy(_source, (long)rows[q] * _dim, queries, q * _dim, _dim);
        var bestValue = new Vector256<float>[groups * QueryGroup];
        var bestIndex = new Vector256<int>[groups * QueryGroup];
        bestValue.AsSpan().Fill(Vector256.Create(float.NegativeInfinity));
        bestIndex.AsSpan().Fill(Vector256.Create(int.MaxValue));
        int vectorEnd = _count - _count % Lanes;
        for (int tile = 0; tile < vectorEnd; tile += TileRows)
        {
            int tileEnd = Math.Min(vectorEnd, tile + TileRows);
            for (int g = 0; g < groups; g++)
                ScanTile(queries.AsSpan(g * QueryGroup * _dim, QueryGroup * _dim), tile, tileEnd,
                    bestValue.AsSpan(g * QueryGroup, QueryGroup), bestIndex.AsSpan(g * QueryGroup, QueryGroup));
        }
        for (int q = 0; q < rows.Length; q++)
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

    // Eight queries against database rows [start, end) (a multiple of eight), eight rows per step.
    private void ScanTile(ReadOnlySpan<float> queries, int start, int end, Span<Vector256<float>> bestValue, Span<Vector256<int>> bestIndex)
    {
        var laneOffsets = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var db = _databaseT.AsSpan();
        int d = _dim;
        for (int j = start; j < end; j += Lanes)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            Vector256<float> a4 = default, a5 = default, a6 = default, a7 = default;
            for (int k = 0; k < d; k++)
            {
                var v = Vector256.Create<float>(db.Slice(k * _count + j, Lanes));
                a0 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[k]), v, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[d + k]), v, a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[2 * d + k]), v, a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[3 * d + k]), v, a3);
                a4 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[4 * d + k]), v, a4);
                a5 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[5 * d + k]), v, a5);
                a6 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[6 * d + k]), v, a6);
                a7 = Vector256.FusedMultiplyAdd(Vector256.Create(queries[7 * d + k]), v, a7);
            }
            var index = Vector256.Create(j) + laneOffsets;
            Keep(ref bestValue[0], ref bestIndex[0], a0, index);
            Keep(ref bestValue[1], ref bestIndex[1], a1, index);
            Keep(ref bestValue[2], ref bestIndex[2], a2, index);
            Keep(ref bestValue[3], ref bestIndex[3], a3, index);
            Keep(ref bestValue[4], ref bestIndex[4], a4, index);
            Keep(ref bestValue[5], ref bestIndex[5], a5, index);
            Keep(ref bestValue[6], ref bestIndex[6], a6, index);
            Keep(ref bestValue[7], ref bestIndex[7], a7, index);
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
