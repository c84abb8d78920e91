using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Matching;

/// <summary>
/// Nearest neighbour by maximum dot product, computed block by block so that no |queries|×|database| matrix is
/// ever formed (the <c>dist='dot'</c>, <c>block_size</c> brute-force path of naver/mast3r <c>fast_nn.py</c>,
/// <c>NN</c>/<c>bruteforce</c> helpers). Within a block the first maximum wins; a later block replaces the current
/// answer only when strictly better, so the result is the first global argmax whatever the block size.
/// </summary>
internal sealed class BlockedDotNearest : INearestSearch
{
    private readonly Tensor _source;
    private readonly Tensor _database;
    private readonly int _blockSize;

    /// <param name="source">[N, D] descriptors the queries are taken from (compute device, owned by the caller).</param>
    /// <param name="database">[M, D] descriptors searched (same device, owned by the caller).</param>
    /// <param name="blockSize">Rows per block on both sides.</param>
    public BlockedDotNearest(Tensor source, Tensor database, int blockSize)
    {
        if (blockSize < 1) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "block size must be positive");
        _source = source;
        _database = database;
        _blockSize = blockSize;
    }

    public int[] Nearest(int[] queryRows)
    {
        if (queryRows.Length == 0) return Array.Empty<int>();
        using var scope = NewDisposeScope();
        var rows = tensor(queryRows.Select(r => (long)r).ToArray(), device: _source.device);
        var queries = _source.index_select(0, rows);
        long n = queries.shape[0], m = _database.shape[0];
        var result = new int[n];
        for (long q0 = 0; q0 < n; q0 += _blockSize)
        {
            long q1 = Math.Min(n, q0 + _blockSize);
            var block = queries.narrow(0, q0, q1 - q0);
            Tensor? bestValue = null, bestIndex = null;
            for (long d0 = 0; d0 < m; d0 += _blockSize)
            {
                long d1 = Math.Min(m, d0 + _blockSize);
                var similarity = block.matmul(_database.narrow(0, d0, d1 - d0).t());
                var (value, index) = similarity.max(1);
                if (d0 > 0) index = index.add(d0);
                if (bestValue is null || bestIndex is null)
                {
                    bestValue = value;
                    bestIndex = index;
                    continue;
                }
                var better = value.gt(bestValue);
                bestValue = where(better, value, bestValue);
                bestIndex = where(better, index, bestIndex);
            }
            var indices = bestIndex!.to(CPU).to(ScalarType.Int32).data<int>().ToArray();
            Array.Copy(indices, 0, result, q0, indices.Length);
        }
        return result;
    }
}
