using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mast3r.Images;
using Mast3r.Inference;
using Mast3r.IO;

namespace Mast3r.Benchmarks;

/// <summary>
/// One ordered pair through the tiny_a parity model on the CPU in float32: images 0 and 1 of the parity fixtures
/// (the official 384×512 crops), the full <see cref="Mast3rPredictor.Predict(PreprocessedImage, PreprocessedImage)"/>
/// path including the host copies of all eight outputs.
/// </summary>
[Config(typeof(LongInProcessShortRunConfig))]
[MemoryDiagnoser]
public class PairInferenceBenchmarks
{
    private Mast3rPredictor _predictor = null!;
    private PreprocessedImage _first = null!;
    private PreprocessedImage _second = null!;
    private TimeSpan _cpuAtSetup;
    private int _calls;

    [GlobalSetup]
    public void Setup()
    {
        string parity = Path.Combine(RepoRoot(), "tests", "Fixtures", "parity");
        _predictor = Mast3rPredictor.Load(Path.Combine(parity, "tiny_a", "tiny_a.pth.gz"));
        _first = Crop(Path.Combine(parity, "images", "pre0_u8.npy"));
        _second = Crop(Path.Combine(parity, "images", "pre1_u8.npy"));
        _cpuAtSetup = Process.GetCurrentProcess().TotalProcessorTime;
    }

    [Benchmark(Description = "tiny_a pair 384x512, CPU fp32")]
    public int PredictPair()
    {
        _calls++;
        return _predictor.Predict(_first, _second).View2.Height;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Wall clock on a shared machine mostly measures contention; CPU time per call is the steadier figure.
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - _cpuAtSetup).TotalSeconds;
        Console.WriteLine($"// process CPU time per pair: {cpu / Math.Max(1, _calls):F2} s over {_calls} calls");
        _predictor.Dispose();
    }

    private static PreprocessedImage Crop(string path)
    {
        var u8 = NpyArray.Load(path);
        return new PreprocessedImage(u8.Data, (int)u8.Shape[0], (int)u8.Shape[1], path);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mast3r.Repro.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Mast3r.Repro.sln not found above the benchmark binary; run it from the repository.");
    }
}

/// <summary>
/// The in-process short job with one warm-up and a 60-minute limit: a tiny_a pair takes seconds, which exceeds the
/// in-process toolchain's default limit on a loaded machine.
/// </summary>
public sealed class LongInProcessShortRunConfig : ManualConfig
{
    public LongInProcessShortRunConfig() =>
        AddJob(Job.ShortRun.WithWarmupCount(1).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true)));
}
