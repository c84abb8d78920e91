using Mast3r.Checkpoints;
using Mast3r.Images;
using Mast3r.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Inference;

/// <summary>
/// Runs the MASt3R network on ordered image pairs the way upstream's <c>inference()</c> does (dust3r inference.py):
/// chunks of <see cref="InferenceOptions.BatchSize"/> pairs when all pairs share shapes, otherwise one pair at a
/// time; a chunk [(A,B),(B,A),…] encodes each image once. Every forward runs in a dispose scope under inference
/// mode; results come back as CPU float arrays.
/// </summary>
public sealed class Mast3rPredictor : IPairPredictor, IDisposable
{
    private readonly Device _device;

    /// <summary>Wraps a loaded network (takes ownership) and places it on the requested device/dtype.</summary>
    public Mast3rPredictor(Mast3rModel model, InferenceOptions options, string name)
    {
        Options = options;
        _device = options.ResolveDevice();
        Model = model.Place(_device, options.ScalarType);
        Name = name;
    }

    /// <summary>The network.</summary>
    public Mast3rModel Model { get; }

    /// <summary>Device, dtype and batch size.</summary>
    public InferenceOptions Options { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>SHA-256 of the checkpoint file when built by <see cref="Load"/>; null otherwise.</summary>
    public string? CheckpointSha256 { get; private init; }

    /// <summary>The checkpoint's <c>args.model</c> when built by <see cref="Load"/>; null otherwise.</summary>
    public string? ModelString { get; private init; }

    /// <summary>
    /// Loads a checkpoint (strictly) and builds a predictor. The raw checkpoint is not kept, so its storage bytes can be
    /// collected once the weights are in the network; its hash and model string stay available for provenance.
    /// </summary>
    public static Mast3rPredictor Load(string checkpointPath, InferenceOptions? options = null)
    {
        var opts = options ?? new InferenceOptions();
        opts.ResolveDevice(); // fail before the expensive read
        var ck = Checkpoint.Load(checkpointPath);
        return new Mast3rPredictor(Mast3rModel.FromCheckpoint(ck), opts, Path.GetFileName(checkpointPath))
        {
            CheckpointSha256 = ck.Sha256,
            ModelString = ck.ModelString,
        };
    }

    /// <summary>One ordered pair.</summary>
    public PairPrediction Predict(PreprocessedImage first, PreprocessedImage second) => Predict([(first, second)])[0];

    /// <inheritdoc/>
    public IReadOnlyList<PairPrediction> Predict(IReadOnlyList<(PreprocessedImage First, PreprocessedImage Second)> pairs)
    {
        bool uniform = pairs.All(p => Same(p.First, pairs[0].First) && Same(p.Second, pairs[0].Second));
        int batch = uniform ? Options.BatchSize : 1;
        var results = new List<PairPrediction>(pairs.Count);
        for (int start = 0; start < pairs.Count; start += batch)
            results.AddRange(RunChunk(pairs.Skip(start).Take(batch).ToList()));
        return results;
    }

    private IEnumerable<PairPrediction> RunChunk(IReadOnlyList<(PreprocessedImage First, PreprocessedImage Second)> chunk)
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var img1 = cat(chunk.Select(p => p.First.ToTensor()).ToArray(), 0).to(_device);
        var img2 = cat(chunk.Select(p => p.Second.ToTensor()).ToArray(), 0).to(_device);
        var (r1, r2) = Model.Forward(img1, img2, chunk.Select(p => (p.First.Height, p.First.Width)).ToArray(),
            chunk.Select(p => (p.Second.Height, p.Second.Width)).ToArray(), IsSymmetrized(chunk));
        var out1 = ToViews(r1);
        var out2 = ToViews(r2);
        return out1.Zip(out2, (a, b) => new PairPrediction(a, b)).ToList();
    }

    /// <summary>Upstream <c>is_symmetrized</c>: entries 2k and 2k+1 hold the same images in swapped order.</summary>
    private static bool IsSymmetrized(IReadOnlyList<(PreprocessedImage First, PreprocessedImage Second)> chunk)
    {
        if (chunk.Count < 2 || chunk.Count % 2 != 0) return false;
        for (int i = 0; i < chunk.Count; i += 2)
            if (!ReferenceEquals(chunk[i].First, chunk[i + 1].Second) || !ReferenceEquals(chunk[i].Second, chunk[i + 1].First)) return false;
        return true;
    }

    private static List<ViewPrediction> ToViews(HeadOutput r)
    {
        float[] Flat(Tensor t)
        {
            using var cpu = t.to(float32).cpu().contiguous();
            return cpu.data<float>().ToArray();
        }
        int b = (int)r.Pts3d.shape[0], h = (int)r.Pts3d.shape[1], w = (int)r.Pts3d.shape[2], d = (int)r.Desc.shape[3];
        var views = new List<ViewPrediction>(b);
        for (int i = 0; i < b; i++)
            views.Add(new ViewPrediction(h, w, Flat(r.Pts3d[i]), Flat(r.Conf[i]), Flat(r.Desc[i]), Flat(r.DescConf[i]), d));
        return views;
    }

    private static bool Same(PreprocessedImage a, PreprocessedImage b) => a.Height == b.Height && a.Width == b.Width;

    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
