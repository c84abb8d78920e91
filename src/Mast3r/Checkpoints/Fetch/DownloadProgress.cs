namespace Mast3r.Checkpoints.Fetch;

/// <summary>Progress of one file: bytes on disk so far and the total when the server said it.</summary>
internal sealed record DownloadProgress(string Name, long Bytes, long? Total, string Phase);
