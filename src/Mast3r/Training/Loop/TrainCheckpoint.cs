using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Mast3r.Checkpoints;
using Mast3r.Training.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training.Loop;

/// <summary>
/// Training checkpoints in the official layout (croco <c>utils.misc.save_model</c> / dust3r <c>save_final_model</c>):
/// a torch.save zip (entries <c>&lt;stem&gt;/data.pkl</c>, <c>&lt;stem&gt;/data/&lt;key&gt;</c>, <c>byteorder</c>,
/// <c>version</c>, stored uncompressed) holding <c>{'model', 'optimizer', 'scaler', 'args', 'epoch', 'best_so_far'}</c>
/// (<c>checkpoint-last.pth</c>) or <c>{'args', 'model', 'epoch', 'best_so_far'}</c> (<c>checkpoint-final.pth</c>).
/// The optimizer entry is torch's AdamW <c>state_dict()</c>. Files are written to a temporary name and renamed, so
/// an interrupted save never replaces the last good checkpoint.
/// </summary>
internal static class TrainCheckpoint
{
    /// <summary>Writes a checkpoint; <paramref name="optimizer"/> null gives the final (model-only) layout.</summary>
    public static void Save(string path, nn.Module model, AdamW? optimizer, IReadOnlyList<KeyValuePair<string, object?>> args, int epoch)
    {
        var storages = new List<(string Key, float[] Data)>();
        PickledTensor Add(Tensor t)
        {
            using var c = t.detach().to(ScalarType.Float32).cpu().contiguous();
            string key = storages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            storages.Add((key, c.data<float>().ToArray()));
            return new PickledTensor(key, c.shape, c.numel());
        }

        var modelItems = new List<KeyValuePair<string, object?>>();
        var byName = new Dictionary<string, PickledTensor>(StringComparer.Ordinal);
        foreach (var (name, p) in model.named_parameters())
        {
            var pt = Add(p);
            byName[name] = pt;
            modelItems.Add(new(name, pt));
        }
        // Upstream's DPT scratch also exposes each layer{j+1}_rn conv as layer_rn.{j}: same storage, second key.
        foreach (var (name, pt) in byName.ToList())
        {
            var m = System.Text.RegularExpressions.Regex.Match(name, @"^(.*\.dpt\.scratch\.)layer([1-4])_rn\.weight$");
            if (m.Success) modelItems.Add(new($"{m.Groups[1].Value}layer_rn.{int.Parse(m.Groups[2].Value) - 1}.weight", pt));
        }

        var top = new Dictionary<string, object?>();
        if (optimizer is null)
        {
            top["args"] = new PickledNamespace(args);
            top["model"] = new PickledOrderedDict(modelItems);
            top["epoch"] = (long)epoch;
        }
        else
        {
            top["model"] = new PickledOrderedDict(modelItems);
            top["optimizer"] = OptimizerStateDict(optimizer, Add);
            top["scaler"] = new Dictionary<string, object?>();   // GradScaler disabled on CPU: empty state, as upstream
            top["args"] = new PickledNamespace(args);
            top["epoch"] = (long)epoch;
        }
        top["best_so_far"] = double.PositiveInfinity;
        WriteZip(path, PickleWriter.Dump(top), storages);
    }

    private static Dictionary<string, object?> OptimizerStateDict(AdamW opt, Func<Tensor, PickledTensor> add)
    {
        var state = new Dictionary<object, object?>();
        foreach (var (index, s) in opt.State.OrderBy(kv => kv.Key))
        {
            using var step = torch.tensor((float)s.Step);
            state[(long)index] = new Dictionary<string, object?>
            {
                ["step"] = add(step), ["exp_avg"] = add(s.ExpAvg), ["exp_avg_sq"] = add(s.ExpAvgSq),
            };
        }
        var groups = new List<object?>();
        int next = 0;
        for (int g = 0; g < opt.Groups.Count; g++)
        {
            var ids = new List<object?>();
            foreach (var _ in opt.Groups[g].Params) ids.Add((long)next++);
            groups.Add(new Dictionary<string, object?>
            {
                ["lr"] = opt.GroupLr[g], ["betas"] = new object?[] { opt.Beta1, opt.Beta2 }, ["eps"] = opt.Eps,
                ["weight_decay"] = opt.Groups[g].WeightDecay, ["amsgrad"] = false, ["foreach"] = null, ["maximize"] = false,
                ["capturable"] = false, ["differentiable"] = false, ["fused"] = null, ["decoupled_weight_decay"] = true,
                ["lr_scale"] = opt.Groups[g].LrScale, ["params"] = ids,
            });
        }
        return new Dictionary<string, object?> { ["state"] = state, ["param_groups"] = groups };
    }

    private static void WriteZip(string path, byte[] pickle, List<(string Key, float[] Data)> storages)
    {
        string stem = Path.GetFileNameWithoutExtension(path);
        string temp = path + ".tmp";
        using (var file = File.Create(temp))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            void Entry(string name, ReadOnlySpan<byte> data)
            {
                var e = zip.CreateEntry($"{stem}/{name}", CompressionLevel.NoCompression);
                using var s = e.Open();
                s.Write(data);
            }
            Entry("data.pkl", pickle);
            Entry("byteorder", "little"u8);
            foreach (var (key, data) in storages) Entry("data/" + key, MemoryMarshal.AsBytes(data.AsSpan()));
            Entry("version", "3\n"u8);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>What a resume needs besides the weights: the epoch and the optimiser state.</summary>
    internal sealed record ResumeState(int Epoch, Dictionary<int, (double Step, Tensor ExpAvg, Tensor ExpAvgSq)> Adam, double[] GroupLr);

    /// <summary>Reads epoch and AdamW state from a checkpoint written by <see cref="Save"/> (or by upstream).</summary>
    public static ResumeState ReadResumeState(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var pkl = zip.Entries.Single(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
        string prefix = pkl.FullName[..^"data.pkl".Length];
        var top = RestrictedUnpickler.Load(Read(pkl), path, pkl.FullName) as PyDict
            ?? throw new CheckpointException(path, "data.pkl", "top level is not a dict");
        Tensor Load(object? o, string what)
        {
            var t = o as TensorRef ?? throw new CheckpointException(path, what, "is not a tensor");
            var bytes = Read(zip.GetEntry(prefix + "data/" + t.Storage.Key) ?? throw new CheckpointException(path, what, "storage missing"));
            using var flat = torch.tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray());
            return flat.as_strided(t.Shape, t.Stride, t.Offset).contiguous().clone();
        }
        object? Get(PyDict d, string key, string what) => d.TryGet(key, out var v) ? v : throw new CheckpointException(path, what, "missing");
        int epoch = (int)(long)(Get(top, "epoch", "epoch") ?? throw new CheckpointException(path, "epoch", "is None"));
        var opt = Get(top, "optimizer", "optimizer") as PyDict ?? throw new CheckpointException(path, "optimizer", "is not a dict (a final checkpoint cannot be resumed)");
        var adam = new Dictionary<int, (double, Tensor, Tensor)>();
        foreach (var (k, v) in ((PyDict)Get(opt, "state", "optimizer.state")!).Items)
        {
            var s = v as PyDict ?? throw new CheckpointException(path, $"optimizer.state[{k}]", "is not a dict");
            using var step = Load(Get(s, "step", "step"), $"optimizer.state[{k}].step");
            adam[(int)(long)k] = (step.item<float>(), Load(Get(s, "exp_avg", "exp_avg"), "exp_avg"), Load(Get(s, "exp_avg_sq", "exp_avg_sq"), "exp_avg_sq"));
        }
        var lrs = ((List<object?>)Get(opt, "param_groups", "optimizer.param_groups")!)
            .Select(g => Convert.ToDouble(((PyDict)g!).TryGet("lr", out var lr) ? lr : 0.0, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new ResumeState(epoch, adam, lrs);
    }

    private static byte[] Read(ZipArchiveEntry e)
    {
        var buffer = new byte[e.Length];
        using var s = e.Open();
        s.ReadExactly(buffer);
        return buffer;
    }
}
