using FluentAssertions;
using Mast3r.Matching;
using Xunit;

namespace Mast3r.Tests.Matching;

/// <summary>Stored-input match fixtures (fixtures.md §7.3): identical sets in identical order.</summary>
[Trait("Category", "Parity")]
public class FastReciprocalMatcherParityTests
{
    [Theory]
    [InlineData("matchcrop_desc0", "matchcrop_desc1", "matchcrop", false, 1 << 13)]
    [InlineData("matchcrop_desc1", "matchcrop_desc0", "matchcrop_rev", false, 1 << 13)]
    [InlineData("matchsyn_desc0", "matchsyn_desc1", "matchsyn", false, 1 << 13)]
    [InlineData("matchcrop_desc0", "matchcrop_desc1", "matchcrop", true, 1 << 13)]
    [InlineData("matchcrop_desc1", "matchcrop_desc0", "matchcrop_rev", true, 1 << 13)]
    [InlineData("matchsyn_desc0", "matchsyn_desc1", "matchsyn", true, 1 << 13)]
    [InlineData("matchsyn_desc0", "matchsyn_desc1", "matchsyn", true, 64)]
    [InlineData("matchcrop_desc0", "matchcrop_desc1", "matchcrop", true, 1000)]
    public void Grid_matching_reproduces_the_official_matches(string first, string second, string expected, bool torchBlocks, int blockSize)
    {
        using var a = MatchFixtures.Descriptors(first);
        using var b = MatchFixtures.Descriptors(second);
        var options = new MatcherOptions { BlockSize = blockSize, TorchBlocksOnCpu = torchBlocks };
        var matches = FastReciprocalMatcher.Match(a, b, 8, options);
        MatchFixtures.Rows(matches).Should().Equal(MatchFixtures.ExpectedRows(expected));
    }

    [Fact]
    public void Synthetic_shift_is_recovered_for_all_but_one_seed()
    {
        using var a = MatchFixtures.Descriptors("matchsyn_desc0");
        using var b = MatchFixtures.Descriptors("matchsyn_desc1");
        var m = FastReciprocalMatcher.Match(a, b);
        m.Count.Should().Be(35);
        Enumerable.Range(0, m.Count).Count(i => m.X2[i] - m.X1[i] == -7 && m.Y2[i] - m.Y1[i] == -5).Should().Be(34);
    }
}
