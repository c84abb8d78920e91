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
    private const int WideLanes = 16;
    private const int QueryGroup = 8;
    private const int GroupsPerTask = 8;
    // Database rows per tile: 1024 rows x 24 dims x 4 B = 96 KiB, so a tile stays in L2 while every query group of
    // a task scans it; without tiling each group would stream the whole map from memory.
    private const int TileRows = 1024;
    private readonly float[] _source;
    private readonly float[] _databaseT;
    private readonly int _dim;
    private readonly int _count;
    private readonly bool _allowWide;

    /// <param name="source">Row-major [N, D] query map.</param>
    /// <param name="database">Row-major [M, D] searched map.</param>
    /// <param name="dim">D.</param>
    /// <param name="allowWide">Use 512-bit vectors when accelerated (false: 256-bit only, for tests).</param>
    public FusedDotNearest(float[] source, float[] database, int dim, bool allowWide = true)
    {
        _allowWide = allowWide;
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
        var (best, vectorEnd) = Wide ? ScanWide(queries, groups) : ScanNarrow(queries, groups);
        for (int q = 0; q < rows.Length; q++)
        {
            var (value, idx) = best[q];
            for (int m = vectorEnd; m < _count; m++)
            {
                float dot = 0f;
                for (int k = 0; k < _dim; k++) dot = MathF.FusedMultiplyAdd(queries[q * _dim + k], _databaseT[k * _count + m], dot);
                if (dot > value) (value, idx) = (dot, m);
            }
            answers[q] = idx;
        }
    }

    // 512-bit lanes where the hardware has them: the same FMA chains, half the instructions.
    private bool Wide => _allowWide && Vector512.IsHardwareAccelerated;

    private ((float Value, int Index)[] Best, int VectorEnd) ScanNarrow(float[] queries, int groups)
    {
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
        return (bestValue.Select((v, q) => ReduceLanes(v, bestIndex[q])).ToArray(), vectorEnd);
    }

    private ((float Value, int Index)[] Best, int VectorEnd) ScanWide(float[] queries, int groups)
    {
        var bestValue = new Vector512<float>[groups * QueryGroup];
        var bestIndex = new Vector512<int>[groups * QueryGroup];
        bestValue.AsSpan().Fill(Vector512.Create(float.NegativeInfinity));
        bestIndex.AsSpan().Fill(Vector512.Create(int.MaxValue));
        int vectorEnd = _count - _count % WideLanes;
        for (int tile = 0; tile < vectorEnd; tile += TileRows)
        {
            int tileEnd = Math.Min(vectorEnd, tile + TileRows);
            for (int g = 0; g < groups; g++)
                ScanTileWide(queries.AsSpan(g * QueryGroup * _dim, QueryGroup * _dim), tile, tileEnd,
                    bestValue.AsSpan(g * QueryGroup, QueryGroup), bestIndex.AsSpan(g * QueryGroup, QueryGroup));
        }
        var best = new (float Value, int Index)[bestValue.Length];
        for (int q = 0; q < best.Length; q++)
        {
            var low = ReduceLanes(bestValue[q].GetLower(), bestIndex[q].GetLower());
            var high = ReduceLanes(bestValue[q].GetUpper(), bestIndex[q].GetUpper());
            best[q] = high.Value > low.Value || (high.Value == low.Value && high.Index < low.Index) ? high : low;
        }
        return (best, vectorEnd);
    }

    // As ScanTile with sixteen database rows per step.
    private void ScanTileWide(ReadOnlySpan<float> queries, int start, int end, Span<Vector512<float>> bestValue, Span<Vector512<int>> bestIndex)
    {
        var laneOffsets = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var db = _databaseT.AsSpan();
        int d = _dim;
        for (int j = start; j < end; j += WideLanes)
        {
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            Vector512<float> a4 = default, a5 = default, a6 = default, a7 = default;
            for (int k = 0; k < d; k++)
            {
                var v = Vector512.Create<float>(db.Slice(k * _count + j, WideLanes));
                a0 = Vector512.FusedMultiplyAdd(Vector512.Create(queries[k]), v, a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.Create(queries[d + k]), v, a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.Create(queries[2 * d + k]), v, a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.Create(queries[3 * d + k]), v, a3);
                a4 = Vector512.FusedMultiplyAdd(Vector512.Create(queries[4 * d + k]), v, a4);
                a5 = Vector512.FusedMultiplyAdd(Vector512.Create(queries[5 * d + k]), v, a5);
                a6 = Vector512.FusedMultiplyAdd(Vector512.Create(queries[6 * d + k]), v, a6);
                a7 = Vector512.FusedMultiplyAdd(Vector512.Create(queries[7 * d + k]), v, a7);
            }
            var index = Vector512.Create(j) + laneOffsets;
            KeepWide(ref bestValue[0], ref bestIndex[0], a0, index);
            KeepWide(ref bestValue[1], ref bestIndex[1], a1, index);
            KeepWide(ref bestValue[2], ref bestIndex[2], a2, index);
            KeepWide(ref bestValue[3], ref bestIndex[3], a3, index);
            KeepWide(ref bestValue[4], ref bestIndex[4], a4, index);
            KeepWide(ref bestValue[5], ref bestIndex[5], a5, index);
            KeepWide(ref bestValue[6], ref bestIndex[6], a6, index);
            KeepWide(ref bestValue[7], ref bestIndex[7], a7, index);
        }
    }

    private static void KeepWide(ref Vector512<float> best, ref Vector512<int> bestIndex, Vector512<float> value, Vector512<int> index)
    {
        var better = Vector512.GreaterThan(value, best);
        best = Vector512.ConditionalSelect(better, value, best);
        bestIndex = Vector512.ConditionalSelect(better.AsInt32(), index, bestIndex);
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
