using FluentAssertions;
using Mast3r.Images;
using Xunit;

namespace Mast3r.Tests.Images;

[Trait("Category", "Unit")]
public class ResamplingTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.5625)]
    [InlineData(-0.5, 0.5625)]
    [InlineData(1.0, 0.0)]
    [InlineData(1.5, -0.0625)]
    [InlineData(2.0, 0.0)]
    [InlineData(2.5, 0.0)]
    public void Bicubic_kernel_is_keys_cubic_with_a_minus_half(double x, double expected)
        => ResampleKernels.Bicubic(x).Should().BeApproximately(expected, 1e-15);

    [Fact]
    public void Lanczos_kernel_is_windowed_sinc_on_half_open_interval()
    {
        ResampleKernels.Lanczos(0).Should().Be(1.0);
        ResampleKernels.Lanczos(0.5).Should().BeApproximately(6 / (Math.PI * Math.PI), 1e-15);
        ResampleKernels.Lanczos(1).Should().BeApproximately(0, 1e-15);
        ResampleKernels.Lanczos(3.0).Should().Be(0.0, "the support is [-3, 3)");
        ResampleKernels.Lanczos(3.5).Should().Be(0.0);
        ResampleKernels.Lanczos(-2.5).Should().Be(ResampleKernels.Lanczos(2.5));
    }

    [Theory]
    [InlineData(640, 512, "Lanczos", 9)]
    [InlineData(1024, 512, "Lanczos", 13)]
    [InlineData(300, 384, "Bicubic", 5)]
    public void Coefficients_have_pillows_kernel_size_and_sum_to_one_in_fixed_point(int inSize, int outSize, string filterName, int kernelSize)
    {
        var filter = Enum.Parse<ResampleFilter>(filterName);
        var k = PillowResampler.Precompute(inSize, outSize, filter);
        k.KernelSize.Should().Be(kernelSize);
        for (int xx = 0; xx < outSize; xx++)
        {
            long sum = 0;
            for (int x = 0; x < k.Count[xx]; x++) sum += k.Weights[xx * kernelSize + x];
            sum.Should().BeCloseTo(1L << PillowResampler.PrecisionBits, (ulong)kernelSize, $"output {xx}");
            k.Start[xx].Should().BeGreaterThanOrEqualTo(0);
            (k.Start[xx] + k.Count[xx]).Should().BeLessThanOrEqualTo(inSize);
        }
    }

    [Fact]
    public void First_output_window_is_clamped_at_the_left_edge()
    {
        var k = PillowResampler.Precompute(640, 512, ResampleFilter.Lanczos);
        // centre 0.625, support 3.75: xmin = int(-2.625) = -2 -> 0, xmax = int(4.875) = 4.
        k.Start[0].Should().Be(0);
        k.Count[0].Should().Be(4);
    }

    [Theory]
    [InlineData("Lanczos", 37, 23, 17, 11)]
    [InlineData("Bicubic", 17, 11, 37, 23)]
    public void Constant_image_stays_constant(string filterName, int w, int h, int nw, int nh)
    {
        var filter = Enum.Parse<ResampleFilter>(filterName);
        var src = Enumerable.Repeat((byte)200, w * h * 3).ToArray();
        PillowResampler.Resize(src, w, h, 3, nw, nh, filter).Should().OnlyContain(b => b == 200);
    }

    [Fact]
    public void Overshoot_is_clamped_to_the_byte_range()
    {
        // A hard black/white edge rings with both kernels; the result must saturate, not wrap.
        int w = 16, h = 1;
        var src = new byte[w * h];
        for (int x = 8; x < w; x++) src[x] = 255;
        var up = PillowResampler.Resize(src, w, h, 1, 61, 1, ResampleFilter.Bicubic);
        up.Should().Contain((byte)0).And.Contain((byte)255);
        up.Take(20).Should().OnlyContain(b => b == 0, "the flat black part has no overshoot below zero to wrap to 255");
    }

    [Fact]
    public void Same_size_returns_an_independent_copy()
    {
        var src = new byte[] { 1, 2, 3, 4, 5, 6 };
        var copy = PillowResampler.Resize(src, 2, 1, 3, 2, 1, ResampleFilter.Lanczos);
        copy.Should().Equal(src);
        copy.Should().NotBeSameAs(src);
    }
}
