using Mast3r.Reporting;

namespace Mast3r.Checkpoints.Fetch;

/// <summary>
/// <c>&lt;checkpoint-dir&gt;/checkpoints.lock.json</c>: SHA-256 and size recorded on the first complete download
/// of a file whose hash nobody published (trust on first use), so every later fetch or reuse is verified.
/// </summary>
internal sealed record CheckpointLock
{
    public const string FileName = "checkpoints.lock.json";

    public int SchemaVersion { get; init; } = 1;
    public Dictionary<string, LockedFile> Files { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Reads the lock file of <paramref name="dir"/>, or an empty lock when there is none.</summary>
    public static CheckpointLock Load(string dir)
    {
        string path = Path.Combine(dir, FileName);
        return File.Exists(path) ? ReproJson.Read<CheckpointLock>(path) : new CheckpointLock();
    }

    /// <summary>Writes the lock file atomically.</summary>
    public void Save(string dir) => ReproJson.Write(Path.Combine(dir, FileName), this);
}

/// <summary>What the lock file remembers about one file.</summary>
/// <param name="Sha256">Lower-case hex SHA-256.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Url">Where it came from (or <c>"local file"</c> when placed by hand).</param>
/// <param name="RecordedUtc">When it was recorded.</param>
internal sealed record LockedFile(string Sha256, long Size, string Url, DateTimeOffset RecordedUtc);
