namespace Mast3r.Checkpoints.Fetch;

/// <summary>One downloadable file of <c>repro/checkpoints.json</c>.</summary>
internal sealed record CheckpointEntry
{
    /// <summary>Short name used by <c>--only</c> and <c>--sha256 name=hex</c>.</summary>
    public required string Name { get; init; }

    /// <summary>File name inside the checkpoint directory (also the last URL segment, which mirrors keep).</summary>
    public required string File { get; init; }

    /// <summary>Official URL.</summary>
    public required string Url { get; init; }

    /// <summary>Exact byte count when known; checked before hashing.</summary>
    public long? Size { get; init; }

    /// <summary>Human size hint for messages when the exact size is unknown.</summary>
    public string? ApproxSize { get; init; }

    /// <summary>Lower-case hex SHA-256 when known.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Fetched when no <c>--only</c> is given.</summary>
    public bool Default { get; init; }

    /// <summary>What the file is for.</summary>
    public string? Purpose { get; init; }
}
