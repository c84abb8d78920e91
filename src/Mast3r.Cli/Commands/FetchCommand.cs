using System.CommandLine;
using Mast3r.Checkpoints.Fetch;
using Spectre.Console;

namespace Mast3r.Cli.Commands;

/// <summary>
/// `mast3r fetch`: downloads the official checkpoints listed in repro/checkpoints.json into --checkpoint-dir,
/// resuming partial files and verifying SHA-256 (recorded in checkpoints.lock.json on first download).
/// Exit 0 when every selected file is present and verified, 1 when any fetch failed, 2 on a usage error.
/// </summary>
internal sealed class FetchCommand : ICliCommand
{
    public Command Build()
    {
        var dir = new Option<string>("--checkpoint-dir")
        {
            Description = "Directory for the checkpoints (default: $REPRO_CHECKPOINT_DIR, else ./checkpoints).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("REPRO_CHECKPOINT_DIR") is { Length: > 0 } d ? d : "checkpoints",
        };
        var only = new Option<string[]>("--only") { Description = "Fetch only these checkpoints (repeatable). Default: the ones marked default in the manifest.", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Fetch every checkpoint of the manifest (adds the DUNE decoders and the DUSt3R training initialisation)." };
        var mirror = new Option<string?>("--checkpoint-mirror") { Description = "Base URL of a mirror; files are fetched from <mirror>/<file name>." };
        var sha = new Option<string[]>("--sha256") { Description = "Expected hash as name=hex (repeatable); overrides the manifest and the lock file." };
        var manifestPath = new Option<string?>("--manifest") { Description = "Manifest to use instead of the built-in repro/checkpoints.json." };
        var list = new Option<bool>("--list") { Description = "List the manifest and what is present, then exit." };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of a progress bar (automatic when output is not a terminal)." };

        var command = new Command("fetch", "Download the official MASt3R checkpoints (resumable, SHA-256 verified).")
        {
            dir, only, all, mirror, sha, manifestPath, list, plain,
        };
        command.SetAction(RunAsync);
        return command;

        async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var manifest = LoadManifest(parse.GetValue(manifestPath));
            var options = new FetchOptions
            {
                Directory = parse.GetValue(dir)!,
                Mirror = ValidateMirror(parse.GetValue(mirror)),
                Sha256Overrides = ParseHashes(parse.GetValue(sha) ?? [], manifest),
            };
            if (parse.GetValue(list)) return ListManifest(manifest, options);
            var names = parse.GetValue(all) ? manifest.Checkpoints.Select(c => c.Name).ToArray() : parse.GetValue(only) ?? [];
            IReadOnlyList<CheckpointEntry> entries;
            try { entries = manifest.Select(names); }
            catch (ArgumentException e) { throw new CliUsageException(e.Message); }
            bool interactive = !parse.GetValue(plain) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            return await FetchAll(entries, options, interactive, ct);
        }
    }

    private static async Task<int> FetchAll(IReadOnlyList<CheckpointEntry> entries, FetchOptions options, bool interactive, CancellationToken ct)
    {
        using var http = CheckpointFetcher.CreateHttpClient();
        var outcomes = new List<FetchOutcome>();
        int failures = 0;
        foreach (var entry in entries)
        {
            try
            {
                var outcome = interactive
                    ? await FetchProgress.WithBarAsync(entry, p => new CheckpointFetcher(http, options, p).FetchAsync(entry, ct))
                    : await new CheckpointFetcher(http, options, FetchProgress.PlainLines()).FetchAsync(entry, ct);
                outcomes.Add(outcome);
                if (outcome.Recorded)
                    Console.WriteLine($"{entry.Name}: no published SHA-256; recorded {outcome.Sha256} in {Path.Combine(Path.GetFullPath(options.Directory), CheckpointLock.FileName)}.");
            }
            catch (CheckpointFetchException e)
            {
                failures++;
                Console.Error.WriteLine($"error: {e.Message}");
            }
        }
        PrintSummary(outcomes);
        return failures == 0 ? 0 : 1;
    }

    private static void PrintSummary(IReadOnlyList<FetchOutcome> outcomes)
    {
        // Plain lines, not a table: hashes and paths are long and CI logs are narrow.
        foreach (var o in outcomes) Console.WriteLine($"{o.Name}: {o.Action}, {o.Size:N0} bytes, sha256 {o.Sha256}, {o.Path}");
    }

    private static int ListManifest(CheckpointManifest manifest, FetchOptions options)
    {
        string dir = Path.GetFullPath(options.Directory);
        var lockFile = Directory.Exists(dir) ? CheckpointLock.Load(dir) : new CheckpointLock();
        var table = new Table().AddColumns("checkpoint", "default", "size", "sha256", "present", "url");
        foreach (var c in manifest.Checkpoints)
        {
            string? known = c.Sha256 ?? (lockFile.Files.TryGetValue(c.File, out var l) ? l.Sha256 + " (recorded)" : null);
            table.AddRow(c.Name, c.Default ? "yes" : "", Markup.Escape(c.Size?.ToString("N0") ?? c.ApproxSize ?? "unknown"),
                known ?? "unknown", File.Exists(Path.Combine(dir, c.File)) ? "yes" : "no", Markup.Escape(options.UrlOf(c).ToString()));
        }
        AnsiConsole.Write(table);
        return 0;
    }

    private static CheckpointManifest LoadManifest(string? path)
    {
        if (path == null) return CheckpointManifest.LoadEmbedded();
        try { return CheckpointManifest.Load(path); }
        catch (Exception e) when (e is IOException or InvalidDataException) { throw new CliUsageException(e.Message); }
    }

    private static string? ValidateMirror(string? mirror)
    {
        if (mirror == null) return null;
        if (!Uri.TryCreate(mirror, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new CliUsageException($"--checkpoint-mirror: '{mirror}' is not an absolute http(s) URL.");
        return mirror;
    }

    internal static Dictionary<string, string> ParseHashes(IEnumerable<string> values, CheckpointManifest manifest)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            int eq = value.IndexOf('=');
            if (eq <= 0) throw new CliUsageException($"--sha256: expected name=hex, got '{value}'.");
            string name = value[..eq];
            if (manifest.Checkpoints.All(c => c.Name != name))
                throw new CliUsageException($"--sha256: unknown checkpoint '{name}'. Known: {string.Join(", ", manifest.Checkpoints.Select(c => c.Name))}.");
            try { hashes[name] = Sha256Hex.Normalize(value[(eq + 1)..], $"--sha256 {name}"); }
            catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        }
        return hashes;
    }
}
