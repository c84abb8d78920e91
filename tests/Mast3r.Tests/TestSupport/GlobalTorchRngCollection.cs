using Xunit;

namespace Mast3r.Tests.TestSupport;

/// <summary>
/// Tests that seed libtorch's process-wide generator and then depend on the exact random stream (model
/// initialisation in a training run). Other test classes seed or draw from the same generator concurrently
/// (<see cref="SmallModels"/>), which changes the stream mid-run; this collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(nameof(GlobalTorchRngCollection), DisableParallelization = true)]
public sealed class GlobalTorchRngCollection;
