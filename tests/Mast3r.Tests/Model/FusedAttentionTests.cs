using FluentAssertions;
using Mast3r.Model;
using Mast3r.Tests.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Model;

/// <summary>
/// The fused scaled-dot-product kernel (the CUDA fast path) against the explicit parity kernel, on CPU, with the
/// parity tolerance |Δ| ≤ 1e-4 + 1e-4·|explicit| (fixtures.md §10).
/// </summary>
[Trait("Category", "Unit")]
public sealed class FusedAttentionTests
{
    [Theory]
    [InlineData(16, 0.25)]   // MASt3R's head_dim^-0.5: the fused default scale
    [InlineData(12, 0.1)]    // any other scale is folded into q
    public void Fused_kernel_matches_explicit_attention(int headDim, double scale)
    {
        using var scope = NewDisposeScope();
        using var generator = new torch.Generator(7);
        var q = torch.randn([2, 4, 40, headDim], generator: generator);
        var k = torch.randn([2, 4, 56, headDim], generator: generator);
        var v = torch.randn([2, 4, 56, headDim], generator: generator);
        var expected = ExplicitAttention.Instance.Attend(q, k, v, scale);
        var actual = FusedAttention.Instance.Attend(q, k, v, scale);
        actual.shape.Should().Equal(expected.shape);
        WorstRatio(actual, expected).Should().BeLessThan(1);
    }

    [Fact]
    public void Tiny_a_network_with_the_fused_kernel_matches_the_explicit_path()
    {
        using var model = Mast3rModel.FromCheckpoint(TinyA.Checkpoint);
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        // Crops of two official images keep the test fast: 160x112 has an odd number of token rows (the DPT crop
        // path) and differs in shape from view 2, so both encoder paths and cross-attention with N1 != N2 run.
        var img1 = TinyA.Images[0].ToTensor()[.., .., ..112, ..160];
        var img2 = TinyA.Images[4].ToTensor()[.., .., ..96, ..128];
        (int, int)[] s1 = [(112, 160)], s2 = [(96, 128)];

        model.Attention.Kernel = ExplicitAttention.Instance;
        var (e1, e2) = model.Forward(img1, img2, s1, s2);
        model.Attention.Kernel = FusedAttention.Instance;
        var (f1, f2) = model.Forward(img1, img2, s1, s2);

        foreach (var (name, fused, expl) in new[]
                 {
                     ("pts3d", f1.Pts3d, e1.Pts3d), ("conf", f1.Conf, e1.Conf), ("desc", f1.Desc, e1.Desc), ("desc_conf", f1.DescConf, e1.DescConf),
                     ("pts3d_in_other_view", f2.Pts3d, e2.Pts3d), ("conf2", f2.Conf, e2.Conf), ("desc2", f2.Desc, e2.Desc), ("desc_conf2", f2.DescConf, e2.DescConf),
                 })
            WorstRatio(fused, expl).Should().BeLessThan(1, name);
    }

    /// <summary>max |a − b| / (1e-4 + 1e-4·|b|): below 1 means within the parity tolerance everywhere.</summary>
    private static double WorstRatio(Tensor actual, Tensor expected)
    {
        using var ratio = (actual - expected).abs() / (expected.abs() * ParityCheck.Rtol + ParityCheck.Atol);
        return ratio.max().item<float>();
    }
}
