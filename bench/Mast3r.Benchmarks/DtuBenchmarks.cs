using BenchmarkDotNet.Attributes;
using Mast3r.Geometry;
using Mast3r.Metrics.Dtu;

namespace Mast3r.Benchmarks;

/// <summary>
/// The two expensive steps of the DTU evaluation at scan scale: the 0.2 mm thinning of a 2 M-point reconstruction
/// and the capped nearest-neighbour means between ~1 M-point clouds (k-d tree build + queries). Both clouds sample a
/// smooth 150 × 150 mm surface, the STL one on a regular 0.15 mm grid, the prediction randomly with 0.3 mm noise.
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
[MemoryDiagnoser]
public class DtuBenchmarks
{
    private double[] _reference = null!;
    private double[] _predicted = null!;
    private KdTree3 _referenceTree = null!;

    private static double Height(double x, double y) => 10 * Math.Sin(x / 20) * Math.Cos(y / 20);

    [GlobalSetup]
    public void Setup()
    {
        const int grid = 1000;
        _reference = new double[grid * grid * 3];
        for (int i = 0, o = 0; i < grid; i++)
            for (int j = 0; j < grid; j++)
            {
                double x = i * 0.15, y = j * 0.15;
                _reference[o++] = x; _reference[o++] = y; _reference[o++] = Height(x, y);
            }
        var rng = new Random(0);
        _predicted = new double[2_000_000 * 3];
        for (int k = 0; k < _predicted.Length; k += 3)
        {
            double x = rng.NextDouble() * 150, y = rng.NextDouble() * 150;
            _predicted[k] = x; _predicted[k + 1] = y; _predicted[k + 2] = Height(x, y) + (rng.NextDouble() - 0.5) * 0.6;
        }
        _referenceTree = new KdTree3(_reference);
    }

    [Benchmark(Description = "DTU 0.2 mm thinning, 2M points")]
    public int Thin() => DtuEvaluation.Reduce(_predicted, 0.2, new Random(1)).Length;

    [Benchmark(Description = "k-d tree build, 1M points")]
    public int Build() => new KdTree3(_reference).Count;

    [Benchmark(Description = "capped NN mean, 2M queries against 1M points")]
    public double Accuracy() => DtuEvaluation.CappedMeanDistance(_predicted, _referenceTree, 20);
}
