using System.Text.Json;
using FluentAssertions;
using Mast3r.Checkpoints;
using Mast3r.Cli;
using Mast3r.Inference;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--size", "500x384")]     // not a multiple of 16
    [InlineData("--size", "512")]         // no height
    [InlineData("--batch", "0")]
    [InlineData("--repetitions", "0")]
    [InlineData("--warmup", "-1")]
    [InlineData("--device", "tpu")]
    [InlineData("--device", "cuda")]      // no CUDA in this build
    [InlineData("--threads", "0")]
    public void Invalid_settings_are_usage_errors(string option, string value)
    {
        CliApp.Run(["bench", "--random-weights", "tiny", option, value]).Should().Be(2);
    }

    [Fact]
    public void Weights_must_come_from_exactly_one_source()
    {
        string missing = Path.Combine(TestPaths.NewTempDir(), "absent.pth");
        CliApp.Run(["bench", "--size", "32x32"]).Should().Be(2);
        CliApp.Run(["bench", "--checkpoint", missing]).Should().Be(2);
        CliApp.Run(["bench", "--checkpoint", missing, "--random-weights", "tiny"]).Should().Be(2);
    }

    [Fact]
    public void Symmetric_batches_must_be_even_and_tf32_needs_cuda()
    {
        CliApp.Run(["bench", "--random-weights", "tiny", "--batch", "3", "--symmetric"]).Should().Be(2);
        CliApp.Run(["bench", "--random-weights", "tiny", "--tf32"]).Should().Be(2);
    }

    [Fact]
    public void Unknown_weight_presets_and_dtypes_are_rejected_by_the_parser()
    {
        CliApp.Run(["bench", "--random-weights", "huge"]).Should().NotBe(0);
        CliApp.Run(["bench", "--random-weights", "tiny", "--dtype", "fp64"]).Should().NotBe(0);
    }

    [Fact]
    public void Tiny_symmetric_run_with_matching_writes_the_documented_json_fields()
    {
        string output = Path.Combine(TestPaths.NewTempDir(), "bench.json");
        CliApp.Run(["bench", "--random-weights", "tiny", "--size", "32x32", "--batch", "2", "--symmetric",
            "--warmup", "0", "--repetitions", "1", "--matching", "--output", output]).Should().Be(0);

        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var root = doc.RootElement;
        root.GetProperty("model").GetString().Should().StartWith("random-weights:tiny");
        root.GetProperty("variant").GetString().Should().Contain("attention=fused");
        root.GetProperty("device").GetString().Should().Be("cpu");
        root.GetProperty("dtype").GetString().Should().Be("fp32");
        root.GetProperty("batch").GetInt32().Should().Be(2);
        root.GetProperty("symmetric").GetBoolean().Should().BeTrue();
        (root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32()).Should().Be((32, 32));
        root.GetProperty("ms_per_call").GetArrayLength().Should().Be(1);
        double msPerPair = root.GetProperty("ms_per_pair").GetDouble();
        msPerPair.Should().BePositive();
        root.GetProperty("pairs_per_second").GetDouble().Should().BeApproximately(1000 / msPerPair, 1e-6 * 1000 / msPerPair);
        double expectedFlops = PairFlops.For(ArchitectureShape.Tiny, 32, 32).SymmetricPair;
        root.GetProperty("flops_per_call").GetDouble().Should().BeApproximately(expectedFlops, 1);
        root.GetProperty("achieved_tflops").GetDouble().Should().BePositive();
        root.GetProperty("peak_memory_bytes").GetInt64().Should().BePositive();
        root.GetProperty("memory_after_first_call_bytes").GetInt64().Should().BePositive();
        root.GetProperty("memory_after_last_call_bytes").GetInt64().Should().BePositive();
        var matching = root.GetProperty("matching");
        matching.GetProperty("ms_median").GetDouble().Should().BePositive();
        matching.GetProperty("matches").GetInt32().Should().BeGreaterThan(0);
    }
}
