using FluentAssertions;
using Mast3r.Inference;
using Mast3r.Tests.TestSupport;
using TorchSharp;
using Xunit;

namespace Mast3r.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class PredictorLeakTests(ITestOutputHelper output)
{
    [Fact]
    public void TwoHundredConsecutiveInferencesDoNotGrowTheLiveTensorCount()
    {
        using var predictor = new Mast3rPredictor(SmallModels.Create(), new InferenceOptions(), "small");
        var a = SmallModels.Image(16, 32, 1);
        var b = SmallModels.Image(16, 32, 2);
        predictor.Predict(a, b); // warm-up: lazily created state, if any, exists before the baseline
        long baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 200; i++) predictor.Predict(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a);
        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        output.WriteLine($"live tensors: baseline {baseline}, after 200 inferences {after}");
        after.Should().Be(baseline);
    }
}
