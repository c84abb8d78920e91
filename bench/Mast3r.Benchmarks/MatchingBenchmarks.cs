using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mast3r.Matching;
using static TorchSharp.torch;

namespace Mast3r.Benchmarks;

/// <summary>
/// <c>fast_reciprocal_NNs</c> on two 512×384×24 unit-descriptor maps (the release resolution), seeds every 8 px
/// (3072 seeds), on the CPU path (fused SIMD kernel, no similarity matrix). The maps are smooth random fields, so seeds walk several rounds as with real descriptors.
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private Tensor _desc1 = null!;
    private Tensor _desc2 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _desc1 = SmoothUnitField(seed: 1);
        // Map 2 = map 1 shifted by (7, 5) plus noise, renormalised: a realistic share of reciprocal pairs.
        using var shifted = _desc1.roll(new long[] { 5, 7 }, new long[] { 0, 1 });
        using var noise = SmoothUnitField(seed: 2);
        _desc2 = nn.functional.normalize(shifted + 0.3 * noise, p: 2, dim: -1);
    }

    [Benchmark(Description = "fast_reciprocal_NNs 512x384x24, subsample 8, CPU")]
    public int Match() => FastReciprocalMatcher.Match(_desc1, _desc2, 8).Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _desc1.Dispose();
        _desc2.Dispose();
    }

    private static Tensor SmoothUnitField(int seed)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        // Coarse noise upsampled bilinearly: neighbouring pixels have similar descriptors, as network outputs do.
        var coarse = randn(new long[] { 1, 24, 48, 64 }, generator: generator);
        var fine = nn.functional.interpolate(coarse, new long[] { 384, 512 }, mode: InterpolationMode.Bilinear, align_corners: false);
        fine = fine + 0.05 * randn(new long[] { 1, 24, 384, 512 }, generator: generator);
        var field = fine[0].permute(1, 2, 0).contiguous();
        return nn.functional.normalize(field, p: 2, dim: -1).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// BenchmarkDotNet's short job run in-process: a separately generated benchmark project would not get the
/// TorchSharp native-shim fix of build/Native, and libtorch would fail to load there.
/// </summary>
public sealed class InProcessShortRunConfig : ManualConfig
{
    public InProcessShortRunConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
}
