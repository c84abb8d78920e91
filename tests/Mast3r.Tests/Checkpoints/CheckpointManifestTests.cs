using FluentAssertions;
using Mast3r.Checkpoints.Fetch;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Checkpoints;

[Trait("Category", "Unit")]
public sealed class CheckpointManifestTests
{
    [Fact]
    public void Checked_in_manifest_lists_the_official_checkpoints_and_matches_the_embedded_copy()
    {
        var manifest = CheckpointManifest.Load(Path.Combine(TestPaths.RepoRoot, "repro", "checkpoints.json"));

        manifest.Checkpoints.Select(c => c.Name).Should().BeEquivalentTo(
            "mast3r", "mast3r-retrieval", "mast3r-retrieval-codebook", "dune-mast3r-vitbase", "dune-mast3r-vitsmall", "dust3r-512-dpt");
        manifest.Checkpoints.Should().OnlyContain(c => c.Url.StartsWith("https://download.europe.naverlabs.com/", StringComparison.Ordinal) && c.Url.EndsWith("/" + c.File, StringComparison.Ordinal));
        manifest.Select([]).Select(c => c.Name).Should().Equal("mast3r", "mast3r-retrieval", "mast3r-retrieval-codebook");
        CheckpointManifest.LoadEmbedded().Checkpoints.Should().BeEquivalentTo(manifest.Checkpoints);
    }

    [Fact]
    public void Unknown_names_and_bad_entries_are_reported_with_their_position()
    {
        var manifest = CheckpointManifest.LoadEmbedded();
        var act = () => manifest.Select(["mast3r", "nope"]);
        act.Should().Throw<ArgumentException>().WithMessage("*nope*Known: mast3r*");

        string path = Path.Combine(TestPaths.NewTempDir(), "m.json");
        File.WriteAllText(path, """{ "checkpoints": [ { "name": "a", "file": "a.pth", "url": "https://x/a.pth", "sha256": "abc" } ] }""");
        var bad = () => CheckpointManifest.Load(path);
        bad.Should().Throw<InvalidDataException>().WithMessage($"{path}: checkpoints[0] ('a'): 'sha256' must be 64 hex digits*");
    }
}
