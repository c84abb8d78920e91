using FluentAssertions;
using Mast3r.Inference;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class InferenceOptionsTests
{
    [Theory]
    [InlineData("cpu", "fp32", InferenceDtype.Float32)]
    [InlineData("CPU", "bf16", InferenceDtype.BFloat16)]
    [InlineData("cuda:1", "fp16", InferenceDtype.Float16)]
    public void CliSpellingsParse(string device, string dtype, InferenceDtype expected)
    {
        var o = InferenceOptions.Parse(device, dtype);
        o.Dtype.Should().Be(expected);
        o.Device.Should().Be(device.ToLowerInvariant());
    }

    [Theory]
    [InlineData("gpu", "fp32", "unknown device 'gpu'")]
    [InlineData("cpu", "int8", "unknown dtype 'int8'")]
    public void UnknownValuesAreNamed(string device, string dtype, string message) =>
        ((Action)(() => InferenceOptions.Parse(device, dtype))).Should().Throw<ArgumentException>().WithMessage($"*{message}*");

    [Fact]
    public void CudaWithoutADeviceFailsClearlyBeforeLoadingAnything()
    {
        Assert.SkipWhen(TorchSharp.torch.cuda.is_available(), "CUDA is available here");
        var act = () => Mast3rPredictor.Load("/nonexistent.pth", new InferenceOptions("cuda"));
        act.Should().Throw<InvalidOperationException>().WithMessage("*CUDA is not available*");
    }

    [Fact]
    public void CompleteGraphListsEachPairThenAppendsTheReversedPairs()
    {
        PairGraph.Complete(3).Should().Equal((1, 0), (2, 0), (2, 1), (0, 1), (0, 2), (1, 2));
        PairGraph.Complete(3, symmetrize: false).Should().Equal((1, 0), (2, 0), (2, 1));
        PairGraph.Complete(new[] { "B", "A" }).Should().Equal(("A", "B"), ("B", "A"));
        PairGraph.Complete(1).Should().BeEmpty();
    }

    [Fact]
    public void Bfloat16TrunkStaysCloseToFloat32OnTheDescriptors()
    {
        var a = SmallModels.Image(32, 32, 5);
        var b = SmallModels.Image(32, 48, 6);
        var model = SmallModels.Create();
        using var bf16 = new Mast3rPredictor(SmallModels.Clone(model), new InferenceOptions(Dtype: InferenceDtype.BFloat16), "bf16");
        using var fp32 = new Mast3rPredictor(model, new InferenceOptions(), "fp32");
        var r32 = fp32.Predict(a, b);
        var r16 = bf16.Predict(a, b);
        r16.View2.Desc.Length.Should().Be(r32.View2.Desc.Length);
        double worstCos = 1;
        int d = r32.View1.DescDim;
        for (int p = 0; p < r32.View1.Desc.Length / d; p++)
        {
            double dot = 0;
            for (int k = 0; k < d; k++) dot += r32.View1.Desc[p * d + k] * r16.View1.Desc[p * d + k];
            worstCos = Math.Min(worstCos, dot);
        }
        worstCos.Should().BeGreaterThan(0.9, "a bf16 trunk perturbs unit descriptors only slightly");
    }
}
