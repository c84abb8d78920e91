namespace Mast3r.Reporting;

/// <summary>A checkpoint a run used.</summary>
/// <param name="Name">Manifest name (e.g. <c>"mast3r_main"</c>).</param>
/// <param name="Path">Path it was loaded from.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
public sealed record CheckpointProvenance(string Name, string Path, string Sha256);
