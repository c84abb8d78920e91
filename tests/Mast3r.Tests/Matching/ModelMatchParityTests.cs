using FluentAssertions;
using Mast3r.Inference;
using Mast3r.Matching;
using Mast3r.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Matching;

/// <summary>
/// `match_p0_d0_*` / `match_p1_d0_*` (fixtures.md §7.3): the tiny_a model's own CPU descriptors, view 1 → view 2 of
/// direction d0, matched as in the README (seeds every 8 px, dot, block 2^13) and border-filtered with 3 px. The
/// pairs run through the predictor as upstream's inference() ran them (both directions in one call).
/// Fixtures.md §10 allows Jaccard ≥ 0.99 for argmax ties here; the test requires identical output.
/// </summary>
[Trait("Category", "Parity")]
public class ModelMatchParityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("p0", 0, 1)]
    [InlineData("p1", 0, 2)]
    public void Model_descriptors_reproduce_the_official_matches_and_border_mask(string group, int first, int second)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var img = TinyA.Images;
        var predictor = new Mast3rPredictor(TinyA.Model, new InferenceOptions(), "tiny_a");
        var d0 = predictor.Predict([(img[first], img[second]), (img[second], img[first])])[0];
        using var a = tensor(d0.View1.Desc, d0.View1.Height, d0.View1.Width, d0.View1.DescDim);
        using var b = tensor(d0.View2.Desc, d0.View2.Height, d0.View2.Width, d0.View2.DescDim);

        var inference = clock.Elapsed;
        var matches = FastReciprocalMatcher.Match(a, b);
        output.WriteLine($"inference {inference.TotalSeconds:F1} s, matching {(clock.Elapsed - inference).TotalSeconds:F1} s");
        var expected = MatchFixtures.ExpectedRows($"match_{group}_d0");
        var ours = MatchFixtures.Rows(matches);
        double jaccard = (double)ours.Intersect(expected).Count() / ours.Union(expected).Count();
        output.WriteLine($"{group} d0: {ours.Length} matches (official {expected.Length}), Jaccard {jaccard:F4}");
        ours.Should().Equal(expected);

        var mask = matches.BorderMask(3, (d0.View1.Height, d0.View1.Width), (d0.View2.Height, d0.View2.Width));
        var officialMask = TinyA.Fixture($"match_{group}_d0_border3_mask").ToLongs().Select(v => v != 0);
        mask.Should().Equal(officialMask);
    }
}
