namespace Mast3r.Checkpoints.Fetch;

/// <summary>Result of fetching one checkpoint.</summary>
/// <param name="Name">Manifest name.</param>
/// <param name="Path">Final file path.</param>
/// <param name="Sha256">Verified (or newly recorded) SHA-256.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Action"><c>"downloaded"</c>, <c>"present"</c> (already there and verified) or <c>"recorded"</c> (already there, hash recorded now).</param>
/// <param name="Recorded">True when the hash was unknown and has just been written to the lock file.</param>
internal sealed record FetchOutcome(string Name, string Path, string Sha256, long Size, string Action, bool Recorded);
