namespace Mast3r.Checkpoints.Fetch;

/// <summary>A failure worth retrying from the partial file (network drop, 5xx, timeout).</summary>
internal sealed class TransientDownloadException(string message, Exception? inner = null) : Exception(message, inner);
