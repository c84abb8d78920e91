using System.Security.Cryptography;
using FluentAssertions;
using Mast3r.Cli;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Checkpoints;

[Trait("Category", "Unit")]
public sealed class FetchCommandTests
{
    [Fact]
    public async Task Fetch_command_downloads_the_selected_entry_through_a_mirror_and_checks_a_user_hash()
    {
        byte[] content = new byte[200_000];
        new Random(5).NextBytes(content);
        string sha = Convert.ToHexStringLower(SHA256.HashData(content));
        await using var server = new LoopbackHttpServer(r => r.Path == "/m/b.pth" ? LoopbackResponse.File(content, r) : LoopbackResponse.NotFound());
        string root = TestPaths.NewTempDir("mast3r-fetchcli");
        string manifest = Path.Combine(root, "manifest.json");
        File.WriteAllText(manifest, """
            { "checkpoints": [
              { "name": "a", "file": "a.pth", "url": "https://example.invalid/x/a.pth", "default": true },
              { "name": "b", "file": "b.pth", "url": "https://example.invalid/x/b.pth" } ] }
            """);
        string dir = Path.Combine(root, "ckpt");

        int ok = CliApp.Run(["fetch", "--manifest", manifest, "--checkpoint-dir", dir, "--only", "b", "--plain",
            "--checkpoint-mirror", server.BaseUrl + "m", "--sha256", $"b={sha.ToUpperInvariant()}"]);
        int usage = CliApp.Run(["fetch", "--manifest", manifest, "--checkpoint-dir", dir, "--only", "nope"]);
        int badHash = CliApp.Run(["fetch", "--manifest", manifest, "--checkpoint-dir", dir, "--sha256", "b=xyz"]);

        ok.Should().Be(0);
        File.ReadAllBytes(Path.Combine(dir, "b.pth")).Should().Equal(content);
        File.Exists(Path.Combine(dir, "a.pth")).Should().BeFalse();
        usage.Should().Be(2);
        badHash.Should().Be(2);
    }
}
