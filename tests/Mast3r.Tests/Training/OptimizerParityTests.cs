using System.Text.Json;
using FluentAssertions;
using Mast3r.Training.Optim;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Training;

/// <summary>AdamW steps 1 and 2 and the lr schedule against the official values (losses.md §5–6).</summary>
[Trait("Category", "Parity")]
public sealed class OptimizerParityTests(ITestOutputHelper output)
{
    private static readonly HashSet<string> NoDecay = JsonDocument.Parse(File.ReadAllText(Path.Combine(LossFixture.Dir, "param_groups.json")))
        .RootElement.GetProperty("no_decay").EnumerateArray().Select(e => e.GetString()!).ToHashSet();

    public static TheoryData<string, string> Params()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in LossFixture.Manifest.GetProperty("files").EnumerateArray())
        {
            string file = f.GetProperty("file").GetString()!;
            if (file.StartsWith("params/", StringComparison.Ordinal) && file.Contains(".p0", StringComparison.Ordinal))
                data.Add(f.GetProperty("param").GetString()!, file);
        }
        return data;
    }

    /// <summary>|mine − ref| / max(2 float32 ulp(ref), 1e-10), worst element.</summary>
    private static double UlpRatio(Tensor mine, Tensor reference)
    {
        using var scope = torch.NewDisposeScope();
        var r = reference.to(ScalarType.Float64);
        var exponent = torch.floor(torch.log2(r.abs().clamp_min(1e-38)));
        var ulp2 = 2 * torch.pow(2.0, exponent - 23);
        var tol = torch.maximum(ulp2, torch.tensor(1e-10, ScalarType.Float64));
        return ((mine.to(ScalarType.Float64) - r).abs() / tol).max().item<double>();
    }

    [Theory]
    [MemberData(nameof(Params))]
    public void AdamW_two_steps_match_official_within_two_float32_ulp(string name, string p0File)
    {
        using var scope = torch.NewDisposeScope();
        Tensor Load(string tag) => LossFixture.Load(p0File.Replace(".p0", "." + tag, StringComparison.Ordinal));
        double wd = NoDecay.Contains(name) ? 0.0 : 0.05;
        ParamGroups.Decays(name, LossFixture.Manifest.GetProperty("param_stats").GetProperty("p0").GetProperty(name)
            .GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray()).Should().Be(wd > 0, "the grouping rule must agree with param_groups.json");

        var opt = new AdamW(Array.Empty<ParamGroup>());
        var p = Load("p0").clone();
        var state = new AdamState(0, torch.zeros_like(p), torch.zeros_like(p));
        state.Step = 1;
        opt.Update(p, Load("g1"), state, 1e-4, wd);
        double r1 = UlpRatio(p, Load("p1"));
        // Step 2 starts from the official p1 so that step-1 rounding does not leak into the comparison.
        p = Load("p1").clone();
        state.Step = 2;
        opt.Update(p, Load("g2"), state, 1e-4, wd);
        double r2 = UlpRatio(p, Load("p2"));
        output.WriteLine($"{name} ({p0File}): step1 {r1:F3}, step2 {r2:F3} (units of the tolerance)");
        r1.Should().BeLessThanOrEqualTo(1.0);
        r2.Should().BeLessThanOrEqualTo(1.0);
        if (name == "dec_blocks.0.attn.qkv.weight")
        {
            var rel = new ToleranceReport(abs: 1e-12, rel: 1e-6);
            rel.CheckTensor("exp_avg", state.ExpAvg, LossFixture.Load("params/dec_blocks.0.attn.qkv.weight.exp_avg_after_step2.npy"));
            rel.CheckTensor("exp_avg_sq", state.ExpAvgSq, LossFixture.Load("params/dec_blocks.0.attn.qkv.weight.exp_avg_sq_after_step2.npy"));
            output.WriteLine(rel.Summary());
            rel.Worst.Values.Should().OnlyContain(v => v <= 1.0);
        }
    }

    [Fact]
    public void Lr_schedule_matches_the_official_values()
    {
        var args = LossFixture.Manifest.GetProperty("lr_schedule").GetProperty("args");
        var schedule = new LrSchedule(args.GetProperty("lr").GetDouble(), args.GetProperty("min_lr").GetDouble(),
            args.GetProperty("warmup_epochs").GetDouble(), args.GetProperty("epochs").GetDouble());
        foreach (var v in LossFixture.Manifest.GetProperty("lr_schedule").GetProperty("values").EnumerateArray())
        {
            double epoch = v.GetProperty("epoch").GetDouble(), expected = v.GetProperty("lr").GetDouble();
            schedule.At(epoch).Should().BeApproximately(expected, 1e-12 * Math.Max(1e-6, expected), $"lr at epoch {epoch}");
        }
    }

    [Fact]
    public void Parameter_groups_follow_the_timm_rule_on_names_and_dimensions()
    {
        ParamGroups.Decays("enc_blocks.0.attn.qkv.weight", new long[] { 192, 64 }).Should().BeTrue();
        ParamGroups.Decays("mask_token", new long[] { 1, 1, 64 }).Should().BeTrue();
        ParamGroups.Decays("enc_norm.weight", new long[] { 64 }).Should().BeFalse();
        ParamGroups.Decays("downstream_head1.dpt.head.4.bias", new long[] { 4 }).Should().BeFalse();
        ParamGroups.Decays("some.conv.bias", new long[] { 4, 4 }).Should().BeFalse("names ending in .bias never decay");
    }
}
