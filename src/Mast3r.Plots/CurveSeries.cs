namespace Mast3r.Plots;

/// <summary>One named set of per-item errors (one CSV column of one variant); NaN or ∞ marks a failed item.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Errors">One error per query/pair, in any order.</param>
public sealed record CurveSeries(string Label, IReadOnlyList<double> Errors);
