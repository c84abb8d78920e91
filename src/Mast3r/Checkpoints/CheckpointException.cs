namespace Mast3r.Checkpoints;

/// <summary>
/// A checkpoint could not be read or does not fit the model: malformed or truncated archive, a pickle global or
/// opcode outside the allow-list, a missing, unexpected or mis-shaped state-dict key. The message names the file
/// and the offending item.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string file, string item, string problem, Exception? inner = null)
        : base($"{file}: {item}: {problem}", inner)
    {
        File = file;
        Item = item;
    }

    /// <summary>The checkpoint file.</summary>
    public string File { get; }

    /// <summary>The offending item (zip entry, pickle opcode or global, state-dict key).</summary>
    public string Item { get; }
}
