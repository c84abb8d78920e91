namespace Mast3r.Reporting;

/// <summary>A dataset a run read.</summary>
/// <param name="Name">Dataset id (e.g. <c>"aachen_v1.1"</c>, <c>"synthetic:visloc"</c>).</param>
/// <param name="Root">Root directory it was read from.</param>
/// <param name="Fingerprint">Hash of the files the run read (names, sizes and contents or a manifest of them).</param>
public sealed record DatasetProvenance(string Name, string Root, string Fingerprint);
