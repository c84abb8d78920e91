using System.CommandLine;
using System.Globalization;
using Mast3r.Inference;
using TorchSharp;

namespace Mast3r.Cli.Commands;

/// <summary>
/// `mast3r bench`: times the batched pair forward (and optionally the matcher) and prints JSON with ms per pair,
/// pairs/s, achieved TFLOP/s from the analytic FLOP count and peak memory (docs/benchmarks.md).
/// </summary>
internal sealed class BenchCommand : ICliCommand
{
    private readonly ModelSourceOptions _model = new();
    private readonly Option<int> _batch = new("--batch") { Description = "Pair directions per forward call (B).", DefaultValueFactory = _ => 1 };
    private readonly Option<string> _size = new("--size") { Description = "Image size WxH (multiples of 16).", DefaultValueFactory = _ => "512x384" };
    private readonly Option<string> _device = new("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
    private readonly Option<string> _dtype = CreateDtype();
    private readonly Option<string> _attention = CreateAttention();
    private readonly Option<bool> _tf32 = new("--tf32") { Description = "Allow TF32 matmuls/convolutions on CUDA (the official GPU default)." };
    private readonly Option<bool> _symmetric = new("--symmetric") { Description = "Batch holds both directions of B/2 pairs (one encoder pass per pair)." };
    private readonly Option<int> _warmup = new("--warmup") { Description = "Untimed calls first.", DefaultValueFactory = _ => 3 };
    private readonly Option<int> _repetitions = new("--repetitions") { Description = "Timed calls (the median is reported).", DefaultValueFactory = _ => 10 };
    private readonly Option<bool> _matching = new("--matching") { Description = "Also time the fast reciprocal matcher on the first pair's descriptors." };
    private readonly Option<int?> _threads = new("--threads") { Description = "Intra-op CPU threads for libtorch (default: libtorch's choice)." };
    private readonly Option<FileInfo?> _output = new("--output") { Description = "Also write the JSON to this file." };

    public Command Build()
    {
        var command = new Command("bench", "Time the MASt3R pair forward (and matcher); prints JSON with ms/pair, pairs/s, TFLOP/s, peak memory.");
        _model.AddTo(command);
        foreach (Option o in new Option[] { _batch, _size, _device, _dtype, _attention, _tf32, _symmetric, _warmup, _repetitions, _matching, _threads, _output })
            command.Options.Add(o);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        var source = _model.Resolve(result);
        var settings = ParseSettings(result);
        if (result.GetValue(_threads) is int threads)
        {
            if (threads < 1) throw new CliUsageException($"--threads must be at least 1 (got {threads})");
            torch.set_num_threads(threads);
        }
        using var model = BenchModelFactory.Create(source, settings).UseFusedAttention(result.GetValue(_attention) == "fused");
        Func<torch.Tensor, torch.Tensor, int>? matcher = result.GetValue(_matching) ? BenchModelFactory.Matcher(settings.Device) : null;
        var report = PairBenchmark.Run(model, model.Shape, settings, matcher);
        string json = PairBenchmarkReport.ToJson(report);
        Console.Out.WriteLine(json);
        if (result.GetValue(_output) is { } file) File.WriteAllText(file.FullName, json + Environment.NewLine);
        return 0;
    }

    /// <summary>Turns the options into validated settings; every user error becomes a <see cref="CliUsageException"/>.</summary>
    internal PairBenchmarkSettings ParseSettings(ParseResult result)
    {
        var (width, height) = ParseSize(result.GetValue(_size)!);
        var device = CliDevice.Parse(result.GetValue(_device));
        var precision = result.GetValue(_dtype) switch
        {
            "bf16" => BenchPrecision.Bf16,
            "fp16" => BenchPrecision.Fp16,
            _ => BenchPrecision.Fp32,
        };
        if (result.GetValue(_tf32) && device.type != DeviceType.CUDA)
            throw new CliUsageException("--tf32 only applies to --device cuda");
        var settings = new PairBenchmarkSettings(result.GetValue(_batch), height, width, device, precision, result.GetValue(_tf32),
            result.GetValue(_symmetric), result.GetValue(_warmup), result.GetValue(_repetitions));
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
        return settings;
    }

    internal static (int Width, int Height) ParseSize(string text)
    {
        string[] parts = text.Split('x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            && w >= 16 && h >= 16 && w % 16 == 0 && h % 16 == 0)
            return (w, h);
        throw new CliUsageException($"--size '{text}': expected WxH with both positive multiples of 16, e.g. 512x384");
    }

    private static Option<string> CreateAttention()
    {
        var option = new Option<string>("--attention")
        {
            Description = "Attention kernel: fused (scaled_dot_product_attention, the fast path) or explicit (the parity reference).",
            DefaultValueFactory = _ => "fused",
        };
        option.AcceptOnlyFromAmong("fused", "explicit");
        return option;
    }

    private static Option<string> CreateDtype()
    {
        var option = new Option<string>("--dtype") { Description = "Network precision: fp32, bf16 or fp16 (heads stay fp32).", DefaultValueFactory = _ => "fp32" };
        option.AcceptOnlyFromAmong("fp32", "bf16", "fp16");
        return option;
    }
}
