using BenchmarkDotNet.Running;

// All benchmark classes in this assembly; pick with --filter, e.g. `--filter *Matching*`.
BenchmarkSwitcher.FromAssembly(typeof(Mast3r.Benchmarks.BenchmarkAssemblyMarker).Assembly).Run(args);

namespace Mast3r.Benchmarks
{
    /// <summary>Anchor for the switcher.</summary>
    internal static class BenchmarkAssemblyMarker;
}
