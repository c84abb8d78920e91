using Mast3r.Reproduction;
using Xunit;

namespace Mast3r.Repro.Experiments.Framework;

/// <summary>
/// Generates the theory rows of an experiment from its <c>ExpectedResults/&lt;id&gt;.yaml</c>: per variant one
/// <c>synthetic</c> row (embedded suite, ground-truth oracle), one per extra synthetic row of its <c>synthetic.rows</c>
/// (other pipeline settings on the same layout), and one row per paper row, each with the traits
/// <c>Category=Experiment</c>, <c>Experiment=&lt;id&gt;</c>, <c>Variant=&lt;variant&gt;</c>, <c>Row=&lt;row&gt;</c>.
/// Adding an experiment = one YAML + one class using <c>[MemberData]</c> on <see cref="For"/>; nothing central changes.
/// </summary>
internal static class ExperimentRows
{
    public const string SyntheticRow = "synthetic";

    private static readonly Lazy<Dictionary<string, ExpectedResultsFile>> Files = new(() =>
        ExpectedResultsLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "ExpectedResults"))
            .ToDictionary(f => f.Experiment, StringComparer.Ordinal));

    public static ExpectedResultsFile File(string experiment) =>
        Files.Value.TryGetValue(experiment, out var f) ? f
            : throw new KeyNotFoundException($"no ExpectedResults/{experiment}.yaml next to the test binary");

    public static IReadOnlyCollection<string> Experiments => Files.Value.Keys;

    public static IEnumerable<ITheoryDataRow> For(string experiment)
    {
        foreach (var variant in File(experiment).Variants)
        {
            yield return Row(experiment, variant.Id, SyntheticRow, $"{experiment}/{variant.Id}/synthetic (ground-truth oracle)");
            foreach (var extra in variant.Synthetic?.Rows ?? new())
                yield return Row(experiment, variant.Id, extra.Id, $"{experiment}/{variant.Id}/{extra.Id} (ground-truth oracle): {extra.Label}");
            foreach (var row in variant.Rows)
                yield return Row(experiment, variant.Id, row.Id, $"{experiment}/{variant.Id}/{row.Id}: {row.Label}");
        }
    }

    private static ITheoryDataRow Row(string experiment, string variant, string row, string name) =>
        new TheoryDataRow<string, string>(variant, row)
            .WithTestDisplayName(name)
            .WithTrait("Category", "Experiment")
            .WithTrait("Experiment", experiment)
            .WithTrait("Variant", variant)
            .WithTrait("Row", row);
}
