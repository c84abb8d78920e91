using Mast3r.Checkpoints;
using Mast3r.Images;
using Mast3r.IO;
using Mast3r.Model;

namespace Mast3r.Tests.TestSupport;

/// <summary>The tiny_a parity checkpoint and the official preprocessed crops, loaded once per test run.</summary>
internal static class TinyA
{
    private static readonly Lazy<Checkpoint> LazyCheckpoint = new(() => Checkpoint.Load(CheckpointPath));
    private static readonly Lazy<Mast3rModel> LazyModel = new(() => Mast3rModel.FromCheckpoint(LazyCheckpoint.Value));
    private static readonly Lazy<PreprocessedImage[]> LazyImages = new(() => Enumerable.Range(0, 6).Select(Image).ToArray());

    public static string CheckpointPath => Path.Combine(TestPaths.TinyA, "tiny_a.pth.gz");

    public static Checkpoint Checkpoint => LazyCheckpoint.Value;

    /// <summary>Shared model; tests must not mutate it (run it under inference mode only).</summary>
    public static Mast3rModel Model => LazyModel.Value;

    /// <summary>The six official preprocessed images (pre{k}_u8.npy) as <see cref="PreprocessedImage"/>s.</summary>
    public static PreprocessedImage[] Images => LazyImages.Value;

    public static NpyArray Fixture(string name) => NpyArray.Load(Path.Combine(TestPaths.TinyA, name + ".npy"));

    private static PreprocessedImage Image(int k)
    {
        var u8 = NpyArray.Load(Path.Combine(TestPaths.ParityImages, $"pre{k}_u8.npy"));
        return new PreprocessedImage(u8.Data, (int)u8.Shape[0], (int)u8.Shape[1], $"pre{k}_u8.npy");
    }
}
