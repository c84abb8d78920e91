namespace Mast3r.Checkpoints.Fetch;

/// <summary>A fetch that could not complete; the message says what happened and what the user can do.</summary>
internal sealed class CheckpointFetchException(string message, Exception? inner = null) : Exception(message, inner);
