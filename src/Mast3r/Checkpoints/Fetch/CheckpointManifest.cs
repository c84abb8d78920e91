using System.Text.Json;
using Mast3r.Reporting;

namespace Mast3r.Checkpoints.Fetch;

/// <summary>
/// The checked-in list of official checkpoints, <c>repro/checkpoints.json</c> (embedded into the assembly so an
/// installed CLI has it too). Same JSON dialect as the run artifacts (<see cref="ReproJson"/>).
/// </summary>
internal sealed record CheckpointManifest
{
    internal const string ResourceName = "Mast3r.checkpoints.json";

    public int SchemaVersion { get; init; } = 1;
    public string? Comment { get; init; }
    public IReadOnlyList<CheckpointEntry> Checkpoints { get; init; } = [];

    /// <summary>Loads and validates a manifest file; errors name the file and the offending entry.</summary>
    public static CheckpointManifest Load(string path) => Validate(ReproJson.Read<CheckpointManifest>(path), path);

    /// <summary>The manifest compiled into this assembly from <c>repro/checkpoints.json</c>.</summary>
    public static CheckpointManifest LoadEmbedded()
    {
        using var stream = typeof(CheckpointManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the Mast3r assembly.");
        var manifest = JsonSerializer.Deserialize<CheckpointManifest>(stream, ReproJson.Options)
            ?? throw new InvalidDataException($"{ResourceName}: contains JSON null.");
        return Validate(manifest, "repro/checkpoints.json (embedded)");
    }

    /// <summary>Entries named by <paramref name="only"/> (in manifest order), or the default entries when it is empty.</summary>
    public IReadOnlyList<CheckpointEntry> Select(IReadOnlyCollection<string> only)
    {
        if (only.Count == 0) return Checkpoints.Where(c => c.Default).ToList();
        var unknown = only.Where(n => Checkpoints.All(c => c.Name != n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown checkpoint name(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Checkpoints.Select(c => c.Name))}.");
        return Checkpoints.Where(c => only.Contains(c.Name)).ToList();
    }

    private static CheckpointManifest Validate(CheckpointManifest manifest, string source)
    {
        foreach (var (entry, i) in manifest.Checkpoints.Select((e, i) => (e, i)))
        {
            string where = $"{source}: checkpoints[{i}] ('{entry.Name}')";
            if (!Uri.TryCreate(entry.Url, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
                throw new InvalidDataException($"{where}: 'url' is not an absolute http(s) URL: {entry.Url}");
            if (entry.File.Length == 0 || entry.File != Path.GetFileName(entry.File))
                throw new InvalidDataException($"{where}: 'file' must be a plain file name: {entry.File}");
            if (entry.Sha256 != null && !Sha256Hex.IsValid(entry.Sha256))
                throw new InvalidDataException($"{where}: 'sha256' must be 64 hex digits: {entry.Sha256}");
            if (entry.Size is <= 0)
                throw new InvalidDataException($"{where}: 'size' must be positive: {entry.Size}");
        }
        var duplicate = manifest.Checkpoints.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new InvalidDataException($"{source}: checkpoint name '{duplicate.Key}' appears twice.");
        return manifest;
    }
}
