namespace Mast3r.Reporting;

/// <summary>Wall time of one stage of a run.</summary>
/// <param name="Stage">Stage name (e.g. <c>"visloc/aachen-day: inference"</c>).</param>
/// <param name="Seconds">Elapsed seconds.</param>
public sealed record StageTiming(string Stage, double Seconds);
