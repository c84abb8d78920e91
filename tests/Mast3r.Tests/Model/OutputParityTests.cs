using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;
using Mast3r.Inference;
using Mast3r.Tests.TestSupport;

namespace Mast3r.Tests.Model;

/// <summary>
/// Every tiny_a model output fixture (fixtures.md §7.1): pairs p0, p1, p2 in both directions, run through the
/// predictor the way upstream's <c>inference()</c> ran them, CPU fp32, |Δ| ≤ 1e-4 + 1e-4·|official|.
/// </summary>
[Trait("Category", "Parity")]
public sealed partial class OutputParityTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, (int A, int B)> Groups = new()
    {
        ["p0"] = (0, 1),
        ["p1"] = (0, 2),
        ["p2"] = (3, 4),
    };

    [Theory]
    [InlineData("p0")]
    [InlineData("p1")]
    [InlineData("p2")]
    public void OutputsOfBothDirectionsMatchTheOfficialImplementation(string group)
    {
        var (a, b) = Groups[group];
        var img = TinyA.Images;
        var predictor = new Mast3rPredictor(TinyA.Model, new InferenceOptions(), "tiny_a");
        var preds = predictor.Predict([(img[a], img[b]), (img[b], img[a])]);

        var files = Directory.GetFiles(TestPaths.TinyA, $"out_{group}_*.npy").Select(Path.GetFileName).Order().ToList();
        files.Should().NotBeEmpty();
        var worstByKey = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var m = OutName().Match(file!);
            m.Success.Should().BeTrue($"{file} follows the fixture naming scheme");
            int dir = int.Parse(m.Groups[1].Value), view = int.Parse(m.Groups[2].Value);
            string key = m.Groups[3].Value, suffix = m.Groups[4].Value;
            var v = view == 1 ? preds[dir].View1 : preds[dir].View2;
            (view == 1 ? key == "pts3d" || key != "pts3d_in_other_view" : key != "pts3d").Should().BeTrue(file);
            var (map, c) = key switch
            {
                "pts3d" or "pts3d_in_other_view" => (v.Pts3d, 3),
                "conf" => (v.Conf, 1),
                "desc" => (v.Desc, v.DescDim),
                _ => (v.DescConf, 1),
            };
            var official = TinyA.Fixture(file![..^4]);
            var ours = Sampling.Apply(suffix, map, v.Height, v.Width, c);
            long[] expectedShape = c == 1 ? [official.Shape[0], official.Shape[1]] : [official.Shape[0], official.Shape[1], c];
            official.Shape.Should().Equal(expectedShape, file);
            double r = ParityCheck.AssertClose(file!, ours, official.ToFloats(), output.WriteLine);
            worstByKey[key] = Math.Max(worstByKey.GetValueOrDefault(key), r);
        }
        foreach (var (key, r) in worstByKey) output.WriteLine($"WORST {group} {key}: {r:F4}");
    }

    [Fact]
    public void EveryOutputFixtureBelongsToATestedPairGroup()
    {
        var files = Directory.GetFiles(TestPaths.TinyA, "out_*.npy").Select(Path.GetFileName).ToList();
        files.Should().HaveCountGreaterThan(30);
        files.Should().OnlyContain(f => OutName().IsMatch(f!) && Groups.ContainsKey(f!.Substring(4, 2)));
    }

    [GeneratedRegex(@"^out_p\d_d(\d)_v(\d)_(pts3d_in_other_view|pts3d|conf|desc_conf|desc)(|_s5|_s9|_win_tl|_win_br)\.npy$")]
    private static partial Regex OutName();
}
