using Mast3r.Inference;
using Mast3r.Matching;
using TorchSharp;

namespace Mast3r.Cli;

/// <summary>Turns a <see cref="ModelSource"/> and benchmark settings into the network and matcher that `mast3r bench` times.</summary>
internal static class BenchModelFactory
{
    public static Mast3rBenchModel Create(ModelSource source, PairBenchmarkSettings settings)
    {
        var dtype = settings.Precision switch
        {
            BenchPrecision.Bf16 => torch.ScalarType.BFloat16,
            BenchPrecision.Fp16 => torch.ScalarType.Float16,
            _ => torch.ScalarType.Float32,
        };
        if (source.CheckpointPath is { } path)
            return Mast3rBenchModel.FromCheckpoint(path, settings.Device, dtype);
        return Mast3rBenchModel.FromPortableWeights(source.RandomWeights!, source.Describe(), settings.Device, dtype);
    }

    /// <summary>The fast reciprocal matcher (subsample 8, dot product) on <paramref name="device"/>; returns the match count.</summary>
    public static Func<torch.Tensor, torch.Tensor, int> Matcher(torch.Device device) =>
        (d1, d2) => FastReciprocalMatcher.Match(d1, d2, 8, new MatcherOptions { Device = device }).Count;
}
