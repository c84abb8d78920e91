using FluentAssertions;
using Mast3r.Training;
using Mast3r.Training.Data;
using Xunit;

namespace Mast3r.Tests.Training;

[Trait("Category", "Unit")]
public sealed class DatasetMixTests
{
    [Fact]
    public void Seed_command_train_dataset_parses_into_fifteen_counted_terms()
    {
        var terms = DatasetMix.Parse(SeedCommand.TrainDataset);
        terms.Should().HaveCount(15);
        terms.Sum(t => t.SamplesPerEpoch!.Value).Should().Be(698_820, "expected-results.md §8.2 totals 698,820 pairs per epoch");
        terms[0].Name.Should().Be("Habitat512");
        terms[0].SamplesPerEpoch.Should().Be(57_000);
        PyArgs.Eval(terms[0].Call.Args[0]).Should().Be(1_000_000L);
        var res = (List<object?>)PyArgs.Eval(terms[0].Call.Kwarg("resolution")!)!;
        res.Should().HaveCount(5);
        ((object?[])res[4]!).Should().Equal(512L, 160L);
        terms[13].Call.Kwarg("cosxl_augmentations").Should().BeOfType<PyName>().Which.Name.Should().Be("None");
    }

    [Fact]
    public void A_first_term_without_count_keeps_the_dataset_length()
    {
        var terms = DatasetMix.Parse("Habitat512(1_000, split='val', resolution=(512,384), seed=777, n_corres=1024) + 1_000 @ BlendedMVS(split='val', resolution=(512,384), mask_sky=True, seed=777, n_corres=1024)");
        terms.Select(t => t.SamplesPerEpoch).Should().Equal(null, 1000L);
    }

    [Fact]
    public void Synthetic_scenes_build_with_their_resolution_list_and_counts()
    {
        var mix = DatasetFactory.Build("10 @ SyntheticScenes(4, resolution=[(64, 48), (64, 32)], seed=2, n_corres=64) + SyntheticScenes(3, resolution=(32, 32))");
        mix.Count.Should().Be(13);
        mix.Resolutions.Should().Equal((64, 48), (64, 32));
        mix.Terms[1].Dataset.NCorres.Should().Be(8192);
    }

    [Theory]
    [InlineData("10 @ SyntheticScenes(4, resolution=(50, 48))", "multiples of 16")]
    [InlineData("10 @ SyntheticScenes(4, resolution=(32, 48))", "landscape")]
    [InlineData("10 @ SyntheticScenes(4, colour='red')", "unexpected keyword argument 'colour'")]
    [InlineData("10 @ Co3d(split='train')", "Co3d cannot be read")]
    [InlineData("10 @ SyntheticScenes(4", "does not parse")]
    [InlineData("10 @ 'x'", "is not 'N @ Dataset(...)'")]
    public void Bad_mixes_fail_with_a_message_naming_the_problem(string text, string fragment)
    {
        var act = () => DatasetFactory.Build(text);
        act.Should().Throw<TrainingConfigException>().WithMessage($"*{fragment}*");
    }
}
