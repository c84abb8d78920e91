using System.CommandLine;
using Mast3r.Matching;
using TorchSharp;

namespace Mast3r.Cli.Commands;

/// <summary>
/// `mast3r match`: fast reciprocal NN matching of two descriptor maps (the README quick-matching recipe), written
/// as int32 [N, 4] = x1, y1, x2, y2 in the official order.
/// </summary>
internal sealed class MatchCommand : ICliCommand
{
    public Command Build()
    {
        var desc1 = new Option<FileInfo>("--desc1") { Description = "Descriptors of image 1: float32 .npy [H1, W1, D]." };
        var desc2 = new Option<FileInfo>("--desc2") { Description = "Descriptors of image 2: float32 .npy [H2, W2, D]." };
        var output = new Option<FileInfo>("--out") { Description = "Output .npy: int32 [N, 4] = x1, y1, x2, y2.", Required = true };
        var subsample = new Option<int>("--subsample") { Description = "Seed grid spacing in pixels (official: 8).", DefaultValueFactory = _ => 8 };
        var border = new Option<int?>("--border") { Description = "Drop matches closer than N pixels to a border in either image (README: 3)." };
        var blockSize = new Option<int>("--block-size") { Description = "Similarity block side (memory bound only; results do not depend on it).", DefaultValueFactory = _ => 1 << 13 };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };

        var command = new Command("match", "Match two descriptor maps with fast reciprocal nearest neighbours (MASt3R fast_reciprocal_NNs).")
        {
            desc1, desc2, output, subsample, border, blockSize, device,
        };
        command.SetAction(parse => ReportUsageErrors(() =>
        {
            var options = new MatcherOptions
            {
                BlockSize = Positive(parse.GetValue(blockSize), "--block-size"),
                Device = ParseDevice(parse.GetValue(device)),
            };
            var request = new MatchRequest(
                Positive(parse.GetValue(subsample), "--subsample"),
                parse.GetValue(border) is { } b ? NonNegative(b, "--border") : null,
                options,
                parse.GetValue(output)!);
            var d1 = parse.GetValue(desc1) ?? throw new CliUsageException("--desc1 is required.");
            var d2 = parse.GetValue(desc2) ?? throw new CliUsageException("--desc2 is required.");
            return RunOnFiles(d1, d2, request);
        }));
        return command;
    }

    internal sealed record MatchRequest(int Subsample, int? Border, MatcherOptions Options, FileInfo Output);

    private static int RunOnFiles(FileInfo desc1, FileInfo desc2, MatchRequest request)
    {
        using var a = LoadDescriptors(desc1, "--desc1");
        using var b = LoadDescriptors(desc2, "--desc2");
        if (a.shape[2] != b.shape[2])
            throw new CliUsageException($"descriptor dimensions differ: {desc1.FullName} has D = {a.shape[2]}, {desc2.FullName} has D = {b.shape[2]}.");
        return WriteMatches(a, b, request);
    }

    /// <summary>Matches, filters the border if asked, writes the .npy and prints a one-line summary.</summary>
    internal static int WriteMatches(torch.Tensor a, torch.Tensor b, MatchRequest request)
    {
        var dir = request.Output.Directory;
        if (dir is { Exists: false }) throw new CliUsageException($"--out: directory does not exist: {dir.FullName}");
        var matches = FastReciprocalMatcher.Match(a, b, request.Subsample, request.Options);
        int before = matches.Count;
        if (request.Border is { } border)
        {
            var shape1 = ((int)a.shape[0], (int)a.shape[1]);
            var shape2 = ((int)b.shape[0], (int)b.shape[1]);
            matches = matches.Where(matches.BorderMask(border, shape1, shape2));
        }
        matches.ToNpy().Save(request.Output.FullName);
        string filtered = request.Border is { } n ? $" ({before} before the {n}-pixel border filter)" : "";
        Console.WriteLine($"{matches.Count} matches{filtered} -> {request.Output.FullName}");
        return 0;
    }

    private static torch.Tensor LoadDescriptors(FileInfo file, string option)
    {
        try
        {
            return DescriptorMapFile.Load(file.FullName);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new CliUsageException($"{option}: {e.Message}");
        }
    }

    // System.CommandLine's default handler catches action exceptions before CliApp.Run sees them (it prints a
    // stack trace, exit 1), so usage errors are reported here with CliApp's format and exit code.
    private static int ReportUsageErrors(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CliUsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    internal static torch.Device ParseDevice(string? name) => name?.ToLowerInvariant() switch
    {
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new CliUsageException("--device cuda: no CUDA device is available to TorchSharp on this machine."),
        _ => throw new CliUsageException($"--device: expected cpu or cuda, got '{name}'."),
    };

    private static int Positive(int value, string option)
        => value >= 1 ? value : throw new CliUsageException($"{option} must be a positive integer, got {value}.");

    private static int NonNegative(int value, string option)
        => value >= 0 ? value : throw new CliUsageException($"{option} must be ≥ 0, got {value}.");
}
