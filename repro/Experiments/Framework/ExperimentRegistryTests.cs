using System.Reflection;
using FluentAssertions;
using Xunit;

namespace Mast3r.Repro.Experiments.Framework;

/// <summary>Discovery contract: every ExpectedResults YAML has exactly one experiment class whose rows it generates.</summary>
[Trait("Category", "Unit")]
public sealed class ExperimentRegistryTests
{
    [Fact]
    public void EveryExpectedResultsFileHasOneExperimentClassAndViceVersa()
    {
        var classes = typeof(ExperimentRegistryTests).Assembly.GetTypes()
            .Where(t => t.GetProperty("Rows", BindingFlags.Public | BindingFlags.Static) is not null)
            .ToDictionary(t => ((IEnumerable<ITheoryDataRow>)t.GetProperty("Rows")!.GetValue(null)!)
                .First().Traits!["Experiment"].Single(), t => t.Name);
        classes.Keys.Should().BeEquivalentTo(ExperimentRows.Experiments);
    }

    [Fact]
    public void EveryVariantHasItsSyntheticRowsAndEveryRowCarriesTheReproduceTraits()
    {
        foreach (var experiment in ExperimentRows.Experiments)
        {
            var rows = ExperimentRows.For(experiment).ToList();
            rows.Should().OnlyContain(r => r.Traits!["Category"].Contains("Experiment") && r.Traits["Experiment"].Contains(experiment));
            foreach (var variant in ExperimentRows.File(experiment).Variants)
                rows.Should().Contain(r => r.Traits!["Variant"].Contains(variant.Id) && r.Traits["Row"].Contains(ExperimentRows.SyntheticRow));
            foreach (var variant in ExperimentRows.File(experiment).Variants)
                foreach (var extra in variant.Synthetic?.Rows ?? new())
                    rows.Should().ContainSingle(r => r.Traits!["Variant"].Contains(variant.Id) && r.Traits["Row"].Contains(extra.Id));
        }
    }
}
