using FluentAssertions;
using Mast3r.Images;
using Xunit;
using static TorchSharp.torch;

namespace Mast3r.Tests.Images;

/// <summary>
/// <see cref="AntialiasedBilinear"/> against libtorch's own <c>_upsample_bilinear2d_aa</c> (what torchvision's tensor
/// <c>Resize</c> calls: <c>interpolate(mode='bilinear', align_corners=False, antialias=True)</c>), on the CPU kernel of
/// the pinned libtorch.
/// </summary>
[Trait("Category", "Parity")]
public class AntialiasedBilinearTorchParityTests
{
    [Theory]
    [InlineData(299, 450, 96, 144)]   // portrait, fractional factor ≈ 3.1
    [InlineData(157, 123, 64, 48)]    // landscape, odd sizes
    [InlineData(400, 300, 128, 96)]   // exact 4:3, factor 3.125
    [InlineData(30, 20, 64, 45)]      // enlarging
    [InlineData(90, 40, 64, 40)]      // width only
    public void Matches_libtorch_antialiased_bilinear_to_float_rounding(int w, int h, int nw, int nh)
    {
        var rng = new Random(w * 1000 + h);
        var src = Enumerable.Range(0, 3 * w * h).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var ours = AntialiasedBilinear.Resize(src, 3, w, h, nw, nh);

        using var scope = NewDisposeScope();
        var input = tensor(src, new long[] { 1, 3, h, w });
        var expected = nn.functional.interpolate(input, new long[] { nh, nw }, mode: InterpolationMode.Bilinear,
            align_corners: false, antialias: true).data<float>().ToArray();

        expected.Should().HaveCount(ours.Length);
        double worst = ours.Zip(expected).Max(p => Math.Abs(p.First - p.Second));
        worst.Should().BeLessThan(2e-6, "the kernel, tap ranges and pass order are torchvision's; only float32 summation order may differ");
    }
}
