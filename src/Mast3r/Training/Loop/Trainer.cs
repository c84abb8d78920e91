using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mast3r.Checkpoints;
using Mast3r.Model;
using Mast3r.Training.Data;
using Mast3r.Training.Losses;
using Mast3r.Training.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training.Loop;

/// <summary>
/// The training loop of the official train.py / dust3r <c>training.train</c> and <c>train_one_epoch</c>: symmetrised
/// batches, loss / accum_iter, AdamW step every accum_iter iterations with the per-iteration warm-up + cosine lr,
/// no clipping (the gradient norm is only logged), TensorBoard scalars and log.txt with the official names,
/// checkpoint-last / checkpoint-N / checkpoint-final, automatic resume from checkpoint-last.pth in the output
/// directory, and a hard stop on a non-finite loss that leaves the last good checkpoint in place.
/// </summary>
internal sealed class Trainer : IDisposable
{
    private readonly TrainOptions _o;
    private readonly Action<string> _log;
    private readonly IProgress<StepReport>? _progress;
    private readonly Device _device;
    private readonly Mast3rModel _model;
    private readonly Criterion _criterion;
    private readonly MixedDataset _data;
    private readonly AdamW _optimizer;
    private readonly LrSchedule _schedule;
    private int _startEpoch;

    public Trainer(TrainOptions options, Action<string>? log = null, IProgress<StepReport>? progress = null)
    {
        _o = options;
        _log = log ?? (_ => { });
        _progress = progress;
        if (options.BatchSize < 1 || options.AccumIter < 1 || options.Epochs < 1)
            throw new TrainingConfigException("batch_size, accum_iter and epochs must be positive.");
        _device = ParseDevice(options.Device);
        var warnings = new List<string>();
        _criterion = CriterionFactory.Build(options.TrainCriterion, warnings);
        foreach (var w in warnings) _log("warning: " + w);
        _data = DatasetFactory.Build(options.TrainDataset);
        if (_data.Count / options.BatchSize < 1) throw new TrainingConfigException($"the dataset has {_data.Count} pairs per epoch, fewer than one batch of {options.BatchSize}.");
        Mast3rConfig config;
        try
        {
            config = Mast3rConfig.FromModelString(options.Model, applyLoaderRewrites: false);
        }
        catch (ModelConfigException e)
        {
            throw new TrainingConfigException($"--model does not describe a supported network: {e.Message}");
        }
        torch.random.manual_seed(options.Seed);
        _model = new Mast3rModel(config);
        if (options.Pretrained is { } pre) LoadPretrained(pre);
        _model.to(_device);
        _optimizer = new AdamW(ParamGroups.Split(_model.named_parameters().Select(p => (p.name, p.parameter)), options.WeightDecay));
        _schedule = new LrSchedule(options.EffectiveLr, options.MinLr, options.WarmupEpochs, options.Epochs);
        Directory.CreateDirectory(options.OutputDir);
        TryResume();
    }

    public string LastCheckpoint => Path.Combine(_o.OutputDir, "checkpoint-last.pth");

    public int IterationsPerEpoch => _data.Count / _o.BatchSize;

    /// <summary>Runs from the start (or resumed) epoch to the end or until max_steps iterations; returns per-epoch stats.</summary>
    public IReadOnlyList<EpochStats> Run()
    {
        var stats = new List<EpochStats>();
        var writer = torch.utils.tensorboard.SummaryWriter(_o.OutputDir);
        long steps = 0;
        for (int epoch = _startEpoch; epoch <= _o.Epochs; epoch++)
        {
            if (epoch > _startEpoch)
            {
                if ((_o.SaveFreq > 0 && epoch % _o.SaveFreq == 0) || epoch == _o.Epochs) Save("last", epoch - 1);
                if (_o.KeepFreq > 0 && epoch % _o.KeepFreq == 0) Save(epoch.ToString(CultureInfo.InvariantCulture), epoch - 1);
            }
            if (epoch >= _o.Epochs) break;
            var epochStats = TrainOneEpoch(epoch, writer, ref steps);
            stats.Add(epochStats);
            if (!epochStats.Completed)
            {
                _log($"stopped after {steps} iterations (--max-steps); {LastCheckpoint} holds the last completed epoch.");
                return stats;
            }
            var line = new Dictionary<string, object> { ["epoch"] = epoch };
            foreach (var (k, v) in epochStats.Averages) line["train_" + k] = v;
            File.AppendAllText(Path.Combine(_o.OutputDir, "log.txt"), JsonSerializer.Serialize(line) + "\n");
        }
        using (var noGrad = torch.no_grad())
            TrainCheckpoint.Save(Path.Combine(_o.OutputDir, "checkpoint-final.pth"), _model, null, _o.AsNamespace(), _o.Epochs);
        return stats;
    }

    private EpochStats TrainOneEpoch(int epoch, TorchSharp.Modules.SummaryWriter writer, ref long steps)
    {
        _model.train();
        int perEpoch = IterationsPerEpoch;
        var order = Enumerable.Range(0, _data.Count).ToArray();
        var epochRng = new Random(DeterministicSeed.Mix(_o.Seed, epoch));
        epochRng.Shuffle(order);
        var sums = new Dictionary<string, double>();
        int count = 0;
        _optimizer.ZeroGrad();
        var clock = Stopwatch.StartNew();
        for (int it = 0; it < perEpoch; it++)
        {
            if (_o.MaxSteps is { } max && steps >= max) return new EpochStats(epoch, Averages(sums, count), false);
            double epochF = epoch + (double)it / perEpoch;
            if (it % _o.AccumIter == 0) _optimizer.SetLearningRate(_schedule.At(epochF));
            int resolution = epochRng.Next(_data.Resolutions.Count);
            var pairs = Enumerable.Range(0, _o.BatchSize).Select(b => order[it * _o.BatchSize + b])
                .Select(idx => _data.Get(idx, epoch, resolution, new Random(DeterministicSeed.Mix(_o.Seed, epoch, idx)))).ToList();
            var (lossValue, details) = Step(pairs, update: (it + 1) % _o.AccumIter == 0, epoch, it);
            steps++;
            count++;
            double lr = _optimizer.GroupLr[0];
            Accumulate(sums, "loss", lossValue);
            Accumulate(sums, "lr", lr);
            foreach (var (k, v) in details) Accumulate(sums, k, v);
            int epoch1000x = (int)(((double)it / perEpoch + epoch) * 1000);
            if ((it + 1) % (_o.AccumIter * _o.PrintFreq) == 0)
            {
                writer.add_scalar("train_loss", (float)lossValue, epoch1000x);
                writer.add_scalar("train_lr", (float)lr, epoch1000x);
                writer.add_scalar("train_iter", epoch1000x, epoch1000x);
                foreach (var (k, v) in details) writer.add_scalar("train_" + k, (float)v, epoch1000x);
            }
            _progress?.Report(new StepReport(epoch, it, perEpoch, steps, lossValue, lr, _o.BatchSize * (it + 1) / clock.Elapsed.TotalSeconds));
        }
        return new EpochStats(epoch, Averages(sums, count), true);
    }

    private (double Loss, Dictionary<string, double> Details) Step(List<PairSample> pairs, bool update, int epoch, int it)
    {
        using var scope = torch.NewDisposeScope();
        using var batch = TrainBatch.Collate(pairs, _device);
        var shapes = Enumerable.Repeat(((int)batch.Img1.shape[2], (int)batch.Img1.shape[3]), batch.Size).ToArray();
        var (o1, o2) = _model.Forward(batch.Img1, batch.Img2, shapes, shapes, symmetrized: true);
        var output = _criterion.Compute(batch.Gt1, batch.Gt2,
            new PredView(o1.Pts3d, o1.Conf, o1.Desc, o1.DescConf), new PredView(o2.Pts3d, o2.Conf, o2.Desc, o2.DescConf));
        double loss = output.Loss.item<float>();
        if (!double.IsFinite(loss))
            throw new TrainingDivergedException($"loss is {loss} at epoch {epoch}, iteration {it}: stopping training " +
                $"(the last good checkpoint, if any, is {LastCheckpoint}; nothing was written for this epoch).");
        (output.Loss / _o.AccumIter).backward();
        if (update)
        {
            _optimizer.Step();
            _optimizer.ZeroGrad();
        }
        return (loss, output.DetailValues());
    }

    private void Save(string tag, int epoch)
    {
        using var noGrad = torch.no_grad();
        TrainCheckpoint.Save(Path.Combine(_o.OutputDir, $"checkpoint-{tag}.pth"), _model, _optimizer, _o.AsNamespace(), epoch);
    }

    private void TryResume()
    {
        if (!File.Exists(LastCheckpoint)) return;
        var ck = Checkpoint.Load(LastCheckpoint);
        _model.to(DeviceType.CPU);
        StateDictLoader.Load(_model, ck);
        _model.to(_device);
        var state = TrainCheckpoint.ReadResumeState(LastCheckpoint);
        var parameters = _optimizer.Indexed().ToDictionary(x => x.Index, x => x.Param);
        foreach (var (index, (step, m, v)) in state.Adam)
        {
            if (!parameters.TryGetValue(index, out var p) || !p.shape.SequenceEqual(m.shape))
                throw new TrainingConfigException($"{LastCheckpoint}: optimizer state {index} does not fit the model.");
            _optimizer.State[index] = new AdamState(step, m.to(_device).DetachFromDisposeScope(), v.to(_device).DetachFromDisposeScope());
        }
        _startEpoch = state.Epoch + 1;
        _log($"resumed from {LastCheckpoint} (epoch {state.Epoch} done; continuing at epoch {_startEpoch}).");
    }

    /// <summary>Upstream loads the pretrained weights with strict=False: every name/shape match is copied, the rest reported.</summary>
    private void LoadPretrained(string path)
    {
        var ck = Checkpoint.Load(path);
        var keys = new HashSet<string>(ck.Keys, StringComparer.Ordinal);
        int loaded = 0;
        var missing = new List<string>();
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in _model.named_parameters())
        {
            if (keys.Contains(name) && ck.ShapeOf(name).SequenceEqual(p.shape))
            {
                using var value = ck.ToTensor(name);
                p.copy_(value);
                loaded++;
            }
            else missing.Add(name);
        }
        _log($"pretrained {path}: {loaded} tensors loaded, {missing.Count} missing or mis-shaped (strict=False){(missing.Count > 0 ? ": " + string.Join(", ", missing.Take(5)) + (missing.Count > 5 ? ", …" : "") : "")}.");
    }

    private static Device ParseDevice(string name)
    {
        if (name.StartsWith("cuda", StringComparison.Ordinal) && !torch.cuda.is_available())
            throw new TrainingConfigException($"--device {name}: CUDA is not available in this build/host (use --device cpu).");
        try
        {
            return torch.device(name);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new TrainingConfigException($"--device {name}: {e.Message}");
        }
    }

    private static void Accumulate(Dictionary<string, double> sums, string key, double v) => sums[key] = sums.GetValueOrDefault(key) + v;

    private static Dictionary<string, double> Averages(Dictionary<string, double> sums, int count) =>
        sums.ToDictionary(kv => kv.Key, kv => count > 0 ? kv.Value / count : double.NaN);

    public void Dispose() => _model.Dispose();
}
