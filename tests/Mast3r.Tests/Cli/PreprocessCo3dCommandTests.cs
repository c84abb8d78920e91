using FluentAssertions;
using Mast3r.Cli;
using Mast3r.Tests.TestSupport;
using Mast3r.Tests.Training;
using Xunit;

namespace Mast3r.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class PreprocessCo3dCommandTests
{
    [Fact]
    public void Preprocess_co3d_writes_the_test_split_of_the_synthetic_category()
    {
        string raw = Co3dCategoryPreprocessingTests.BuildCategory(), outDir = TestPaths.NewTempDir("co3d-cli");
        CliApp.Run(["preprocess-co3d", "--co3d-dir", raw, "--output-dir", outDir, "--category", "apple", "--split", "test"]).Should().Be(0);
        File.Exists(Path.Combine(outDir, Co3dCategoryPreprocessingTests.Rel("seqA", 7, "images", ".npz"))).Should().BeTrue();
        File.Exists(Path.Combine(outDir, "selected_seqs_test.json")).Should().BeTrue();
        File.Exists(Path.Combine(outDir, "selected_seqs_train.json")).Should().BeFalse();
    }

    [Fact]
    public void Bad_arguments_and_missing_folders_are_usage_errors()
    {
        string raw = Co3dCategoryPreprocessingTests.BuildCategory(), outDir = TestPaths.NewTempDir("co3d-cli");
        CliApp.Run(["preprocess-co3d", "--co3d-dir", raw, "--output-dir", outDir, "--split", "val"]).Should().Be(2);
        CliApp.Run(["preprocess-co3d", "--co3d-dir", raw, "--output-dir", outDir, "--category", "pear"]).Should().Be(2);
        CliApp.Run(["preprocess-co3d", "--co3d-dir", raw, "--output-dir", outDir, "--category", "banana"]).Should().Be(2);
        CliApp.Run(["preprocess-co3d", "--co3d-dir", Path.Combine(raw, "missing"), "--output-dir", outDir]).Should().Be(2);
        CliApp.Run(["preprocess-co3d", "--co3d-dir", raw, "--output-dir", raw]).Should().Be(2);
    }
}
