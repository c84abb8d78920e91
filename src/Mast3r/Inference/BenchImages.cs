using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Inference;

/// <summary>
/// Benchmark inputs: seeded uniform images in [−1, 1). Symmetric batches pair images (2k, 2k+1) in both
/// directions, as the official benchmark's views(B) does, so an encoder shared per pair sees each image once.
/// </summary>
internal sealed class BenchImages : IDisposable
{
    private BenchImages(Tensor first, Tensor second) => (First, Second) = (first, second);

    /// <summary>View-1 images [B,3,H,W] on the benchmark device and dtype.</summary>
    public Tensor First { get; }

    /// <summary>View-2 images [B,3,H,W].</summary>
    public Tensor Second { get; }

    public static BenchImages Create(PairBenchmarkSettings s)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(0);
        int count = s.Symmetric ? s.Batch : 2 * s.Batch;
        var images = torch.rand([count, 3, s.Height, s.Width], generator: generator) * 2 - 1;
        long[] firstIdx, secondIdx;
        if (s.Symmetric)
        {
            firstIdx = Enumerable.Range(0, s.Batch).Select(i => (long)i).ToArray();
            secondIdx = firstIdx.Select(i => i ^ 1).ToArray();
        }
        else
        {
            firstIdx = Enumerable.Range(0, s.Batch).Select(i => 2L * i).ToArray();
            secondIdx = firstIdx.Select(i => i + 1).ToArray();
        }
        var dtype = s.Precision switch
        {
            BenchPrecision.Bf16 => ScalarType.BFloat16,
            BenchPrecision.Fp16 => ScalarType.Float16,
            _ => ScalarType.Float32,
        };
        var first = images.index_select(0, torch.tensor(firstIdx)).to(dtype).to(s.Device);
        var second = images.index_select(0, torch.tensor(secondIdx)).to(dtype).to(s.Device);
        return new BenchImages(first.MoveToOuterDisposeScope(), second.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}
