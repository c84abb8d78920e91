namespace Mast3r.Checkpoints.Fetch;

/// <summary>Settings of one <c>mast3r fetch</c>.</summary>
internal sealed record FetchOptions
{
    /// <summary>Directory the checkpoints live in.</summary>
    public required string Directory { get; init; }

    /// <summary>Base URL replacing the official host and path; the file name is appended (<c>&lt;mirror&gt;/&lt;file&gt;</c>).</summary>
    public string? Mirror { get; init; }

    /// <summary>User-supplied SHA-256 per checkpoint name; overrides manifest and lock file.</summary>
    public IReadOnlyDictionary<string, string> Sha256Overrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Attempts per file; later attempts resume from the partial file.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Longest wait for the next bytes of a response before the attempt counts as dropped.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Pause before a retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Download URL of <paramref name="entry"/> after applying <see cref="Mirror"/>.</summary>
    public Uri UrlOf(CheckpointEntry entry) =>
        new(Mirror == null ? entry.Url : Mirror.TrimEnd('/') + "/" + Uri.EscapeDataString(entry.File));
}
