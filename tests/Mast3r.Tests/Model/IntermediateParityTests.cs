using System.Text.RegularExpressions;
using FluentAssertions;
using Mast3r.Model;
using Mast3r.Tests.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Model;

/// <summary>
/// Every tiny_a intermediate fixture (fixtures.md §7.2: pair p0, direction d0, a direct single-pair call): patch
/// embedding, positions (exact), encoder blocks, decoder layers of both branches, DPT stages, raw head outputs and
/// raw local-MLP tokens, each within 1e-4 + 1e-4·|official|.
/// </summary>
[Trait("Category", "Parity")]
public sealed partial class IntermediateParityTests(ITestOutputHelper output)
{
    private static readonly Lazy<ActivationRecorder> Recorded = new(() =>
    {
        var rec = new ActivationRecorder();
        var img = TinyA.Images;
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        TinyA.Model.Forward(img[0].ToTensor(), img[1].ToTensor(), [(img[0].Height, img[0].Width)], [(img[1].Height, img[1].Width)], rec: rec);
        return rec;
    });

    [Fact]
    public void EveryIntermediateMatchesTheOfficialImplementation()
    {
        var files = Directory.GetFiles(TestPaths.TinyA, "int_*.npy").Select(f => Path.GetFileNameWithoutExtension(f)!).Order().ToList();
        files.Should().HaveCountGreaterThan(40);
        double worst = 0;
        foreach (var name in files)
        {
            var official = TinyA.Fixture(name);
            var ours = Ours(name, official.Shape);
            if (name.StartsWith("int_pos_", StringComparison.Ordinal))
            {
                ours.Select(v => (long)v).Should().Equal(official.ToLongs(), $"{name} must be exact");
                output.WriteLine($"{name}: exact");
                continue;
            }
            worst = Math.Max(worst, ParityCheck.AssertClose(name, ours, official.ToFloats(), output.WriteLine));
        }
        output.WriteLine($"WORST intermediates: {worst:F4}");
    }

    /// <summary>Our recorded activation, cut the way the fixture file is cut.</summary>
    private static float[] Ours(string name, long[] shape)
    {
        var values = Recorded.Value.Values;
        var channels = ChannelCut().Match(name);
        if (channels.Success)
        {
            var (s, data) = values[channels.Groups[1].Value];
            int c = int.Parse(channels.Groups[2].Value);
            return data.Take(c * (int)(s[2] * s[3])).ToArray();
        }
        var raw = RawS5().Match(name);
        if (raw.Success)
        {
            var (s, data) = values[$"dpt{raw.Groups[1].Value}_raw"];
            int h = (int)s[2], w = (int)s[3];
            return Enumerable.Range(0, (int)s[1])
                .SelectMany(ch => Sampling.Select(data[(ch * h * w)..((ch + 1) * h * w)], h, w, 1, Sampling.Grid(h, 5), Sampling.Grid(w, 5)))
                .ToArray();
        }
        var tokens = RawTokens().Match(name);
        if (tokens.Success)
        {
            var (s, data) = values[$"lf{tokens.Groups[1].Value}_raw_tokens"];
            int n = (int)s[1], c = (int)s[2];
            int[] picked = [0, 1, 2, 3, n - 4, n - 3, n - 2, n - 1];
            return picked.SelectMany(t => data[(t * c)..((t + 1) * c)]).ToArray();
        }
        string key = name["int_".Length..];
        values.Should().ContainKey(key, $"{name} has a recorded counterpart");
        var (shapeOurs, all) = values[key];
        shapeOurs.Skip(1).Should().Equal(shape, name);
        return all;
    }

    [GeneratedRegex(@"^int_(dpt\d_(?:act\d|rn\d|refinenet\d))_c(\d)$")]
    private static partial Regex ChannelCut();

    [GeneratedRegex(@"^int_dpt(\d)_raw_s5$")]
    private static partial Regex RawS5();

    [GeneratedRegex(@"^int_lf(\d)_raw_tokens$")]
    private static partial Regex RawTokens();
}
