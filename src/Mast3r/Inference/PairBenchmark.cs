using System.Diagnostics;
using Mast3r.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Inference;

/// <summary>Timings of one benchmark run; serialised by <see cref="PairBenchmarkReport"/>.</summary>
internal sealed record PairBenchmarkResult(
    PairBenchmarkSettings Settings, string Model, string Variant, IReadOnlyList<double> CallSeconds, double FlopsPerCall,
    MemoryFigure PeakMemory, MatchingTiming? Matching, MemoryFigure AfterFirstCall, MemoryFigure AfterLastCall)
{
    /// <summary>Median seconds per forward call (B pair directions).</summary>
    public double MedianCallSeconds => Median(CallSeconds);

    /// <summary>Milliseconds per pair direction, from the median call.</summary>
    public double MsPerPair => 1000 * MedianCallSeconds / Settings.Batch;

    /// <summary>Pair directions per second, from the median call.</summary>
    public double PairsPerSecond => Settings.Batch / MedianCallSeconds;

    /// <summary>Analytic FLOPs of one call divided by the median call time, in TFLOP/s.</summary>
    public double AchievedTflops => FlopsPerCall / MedianCallSeconds / 1e12;

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}

/// <summary>Matcher timings on the first pair's descriptors.</summary>
internal sealed record MatchingTiming(IReadOnlyList<double> CallSeconds, int Matches)
{
    /// <summary>Median seconds per matcher call.</summary>
    public double MedianSeconds => PairBenchmarkResult.Median(CallSeconds);
}

/// <summary>
/// Times the batched pair forward the way the official benchmark does (shared docs device/official_reference.py
/// <c>run_bench</c>: random images in [−1, 1], symmetrised batches for B &gt; 1, median of the timed calls, device
/// synchronised around each call), so that the two are comparable row by row.
/// </summary>
internal static class PairBenchmark
{
    /// <summary>Runs warm-up and timed calls of <paramref name="model"/>, then optionally times <paramref name="matcher"/>.</summary>
    public static PairBenchmarkResult Run(IBenchmarkedPairModel model, ArchitectureShape shape, PairBenchmarkSettings settings,
        Func<Tensor, Tensor, int>? matcher = null)
    {
        settings.Validate();
        bool cuda = settings.Device.type == DeviceType.CUDA;
        bool? tf32Before = cuda ? torch.backends.cuda.matmul.allow_tf32 : null;
        if (cuda)
        {
            torch.backends.cuda.matmul.allow_tf32 = settings.Tf32;
            torch.backends.cudnn.allow_tf32 = settings.Tf32;
        }
        try
        {
            using var images = BenchImages.Create(settings);
            using var noGrad = torch.inference_mode();
            void Call()
            {
                using var scope = torch.NewDisposeScope();
                model.Forward(images.First, images.Second, settings.Symmetric);
            }
            for (int i = 0; i < settings.Warmup; i++) Call();
            var seconds = new List<double>(settings.Repetitions);
            MemoryFigure? afterFirst = null;
            for (int i = 0; i < settings.Repetitions; i++)
            {
                seconds.Add(Timed(Call, cuda));
                afterFirst ??= PeakMemory.Current(cuda);
            }
            var afterLast = PeakMemory.Current(cuda);
            var memory = cuda ? PeakMemory.CudaUsed() : PeakMemory.HostPeak();
            var matching = matcher is null ? null : TimeMatcher(model, images, settings, matcher, cuda);
            var flops = PairFlops.For(shape, settings.Height, settings.Width);
            double perCall = settings.Symmetric ? flops.SymmetricPair * settings.Batch / 2 : flops.Total * settings.Batch;
            return new PairBenchmarkResult(settings, model.Name, model.Variant, seconds, perCall, memory, matching, afterFirst!, afterLast);
        }
        finally
        {
            if (tf32Before is bool before)
            {
                torch.backends.cuda.matmul.allow_tf32 = before;
                torch.backends.cudnn.allow_tf32 = before;
            }
        }
    }

    private static MatchingTiming TimeMatcher(IBenchmarkedPairModel model, BenchImages images, PairBenchmarkSettings settings,
        Func<Tensor, Tensor, int> matcher, bool cuda)
    {
        using var scope = torch.NewDisposeScope();
        var (desc1, desc2) = model.Forward(images.First, images.Second, settings.Symmetric);
        // The matcher works on float32 maps of the first pair, as the official one does after inference.
        var d1 = desc1[0].to(ScalarType.Float32);
        var d2 = desc2[0].to(ScalarType.Float32);
        int matches = matcher(d1, d2);
        var seconds = new List<double>();
        for (int i = 0; i < settings.Repetitions; i++)
            seconds.Add(Timed(() => matcher(d1, d2), cuda));
        return new MatchingTiming(seconds, matches);
    }

    private static double Timed(Action action, bool cuda)
    {
        if (cuda) torch.cuda.synchronize();
        long start = Stopwatch.GetTimestamp();
        action();
        if (cuda) torch.cuda.synchronize();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
