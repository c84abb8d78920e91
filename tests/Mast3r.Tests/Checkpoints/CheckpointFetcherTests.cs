using System.Security.Cryptography;
using FluentAssertions;
using Mast3r.Checkpoints.Fetch;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Checkpoints;

[Trait("Category", "Unit")]
public sealed class CheckpointFetcherTests
{
    private const string FileName = "model.pth";
    private static readonly byte[] Content = RandomBytes(3 * 1024 * 1024 + 123);
    private static readonly string ContentSha = Convert.ToHexStringLower(SHA256.HashData(Content));
    private readonly string _dir = Path.Combine(TestPaths.NewTempDir("mast3r-fetch"), "ckpt");

    private static byte[] RandomBytes(int n)
    {
        var bytes = new byte[n];
        new Random(1234).NextBytes(bytes);
        return bytes;
    }

    private static CheckpointEntry Entry(LoopbackHttpServer server, string? sha = null) => new()
    {
        Name = "model", File = FileName, Url = new Uri(server.BaseUrl, "/official/" + FileName).ToString(), Sha256 = sha,
    };

    private FetchOptions Options(int attempts = 3) => new()
    {
        Directory = _dir, MaxAttempts = attempts, RetryDelay = TimeSpan.Zero, ReadTimeout = TimeSpan.FromSeconds(10),
    };

    private static async Task<FetchOutcome> Fetch(CheckpointEntry entry, FetchOptions options)
    {
        using var http = CheckpointFetcher.CreateHttpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await new CheckpointFetcher(http, options).FetchAsync(entry, timeout.Token);
    }

    private string Final => Path.Combine(_dir, FileName);
    private string Part => Final + ".part";

    [Fact]
    public async Task Full_download_installs_the_file_and_records_its_hash_then_reuses_it_without_a_request()
    {
        await using var server = new LoopbackHttpServer(r => LoopbackResponse.File(Content, r));

        var first = await Fetch(Entry(server), Options());
        var second = await Fetch(Entry(server), Options());

        File.ReadAllBytes(Final).Should().Equal(Content);
        File.Exists(Part).Should().BeFalse();
        first.Should().Match<FetchOutcome>(o => o.Action == "downloaded" && o.Recorded && o.Sha256 == ContentSha && o.Size == Content.Length);
        CheckpointLock.Load(_dir).Files[FileName].Sha256.Should().Be(ContentSha);
        second.Action.Should().Be("present");
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Truncated_partial_file_is_resumed_with_a_range_request()
    {
        await using var server = new LoopbackHttpServer(r => LoopbackResponse.File(Content, r));
        Directory.CreateDirectory(_dir);
        File.WriteAllBytes(Part, Content[..1_000_000]);

        var outcome = await Fetch(Entry(server, ContentSha), Options());

        File.ReadAllBytes(Final).Should().Equal(Content);
        outcome.Action.Should().Be("downloaded");
        server.Requests.Single().RangeStart.Should().Be(1_000_000);
        server.BodyBytesSent.Should().Be(Content.Length - 1_000_000);
    }

    [Fact]
    public async Task Server_ignoring_the_range_restarts_from_zero_instead_of_appending()
    {
        await using var server = new LoopbackHttpServer(r => LoopbackResponse.File(Content, r, honourRange: false));
        Directory.CreateDirectory(_dir);
        File.WriteAllBytes(Part, Content[..500_000]);

        await Fetch(Entry(server, ContentSha), Options());

        File.ReadAllBytes(Final).Should().Equal(Content);
    }

    [Fact]
    public async Task Corrupted_bytes_are_rejected_and_nothing_is_renamed()
    {
        var corrupt = (byte[])Content.Clone();
        corrupt[2_000_000] ^= 0x40;
        await using var server = new LoopbackHttpServer(r => LoopbackResponse.File(corrupt, r));

        var act = () => Fetch(Entry(server, ContentSha), Options());

        (await act.Should().ThrowAsync<CheckpointFetchException>()).WithMessage($"*SHA-256*expected {ContentSha}*nothing was installed*");
        File.Exists(Final).Should().BeFalse();
        File.Exists(Part).Should().BeFalse();
    }

    [Fact]
    public async Task Hash_recorded_on_first_download_rejects_a_different_file_later()
    {
        await using var server = new LoopbackHttpServer(r => LoopbackResponse.File(Content, r));
        await Fetch(Entry(server), Options());
        File.Delete(Final);
        var corrupt = (byte[])Content.Clone();
        corrupt[0] ^= 1;
        server.Handler = r => LoopbackResponse.File(corrupt, r);

        var act = () => Fetch(Entry(server), Options());

        (await act.Should().ThrowAsync<CheckpointFetchException>()).WithMessage($"*expected {ContentSha} (recorded in checkpoints.lock.json*");
        File.Exists(Final).Should().BeFalse();
    }

    [Fact]
    public async Task Not_found_fails_at_once_with_the_url_and_where_to_put_the_file()
    {
        await using var server = new LoopbackHttpServer(_ => LoopbackResponse.NotFound());

        var act = () => Fetch(Entry(server), Options());

        (await act.Should().ThrowAsync<CheckpointFetchException>()).WithMessage($"*HTTP 404*{FileName}*copy it to {Final}*");
        server.Requests.Should().HaveCount(1);
        File.Exists(Final).Should().BeFalse();
    }

    [Fact]
    public async Task Connection_dropped_mid_stream_is_resumed_by_the_next_attempt()
    {
        await using var server = new LoopbackHttpServer(r => LoopbackResponse.File(Content, r, dropAfter: r.Index == 0 ? 1_500_000 : null));

        var outcome = await Fetch(Entry(server, ContentSha), Options(attempts: 3));

        File.ReadAllBytes(Final).Should().Equal(Content);
        outcome.Sha256.Should().Be(ContentSha);
        server.Requests.Should().HaveCount(2);
        server.Requests[1].RangeStart.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Connection_dropped_on_the_last_attempt_keeps_the_partial_file_for_a_later_resume()
    {
        await using var server = new LoopbackHttpServer(r => LoopbackResponse.File(Content, r, dropAfter: 1_500_000));

        var act = () => Fetch(Entry(server, ContentSha), Options(attempts: 1));

        (await act.Should().ThrowAsync<CheckpointFetchException>()).WithMessage("*failed after 1 attempt(s)*partial file*rerun `mast3r fetch --only model` to resume*");
        File.Exists(Final).Should().BeFalse();
        new FileInfo(Part).Length.Should().BeInRange(1, Content.Length - 1);

        server.Handler = r => LoopbackResponse.File(Content, r);
        await Fetch(Entry(server, ContentSha), Options());
        File.ReadAllBytes(Final).Should().Equal(Content);
    }

    [Fact]
    public async Task Unwritable_checkpoint_directory_is_reported_before_any_request()
    {
        await using var server = new LoopbackHttpServer(r => LoopbackResponse.File(Content, r));
        string blocker = Path.Combine(TestPaths.NewTempDir("mast3r-fetch"), "a-file");
        File.WriteAllText(blocker, "not a directory");
        var options = Options() with { Directory = Path.Combine(blocker, "ckpt") };

        var act = () => Fetch(Entry(server), options);

        (await act.Should().ThrowAsync<CheckpointFetchException>()).WithMessage("Cannot write to the checkpoint directory*--checkpoint-dir*");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Unreachable_host_tells_where_to_put_a_manually_downloaded_file()
    {
        Uri dead;
        await using (var server = new LoopbackHttpServer(_ => LoopbackResponse.NotFound())) dead = server.BaseUrl;
        var entry = new CheckpointEntry { Name = "model", File = FileName, Url = new Uri(dead, "/" + FileName).ToString() };

        var act = () => Fetch(entry, Options(attempts: 2));

        (await act.Should().ThrowAsync<CheckpointFetchException>()).WithMessage($"*cannot reach 127.0.0.1*offline*copy it to {Final}*");
    }

    [Fact]
    public async Task Mirror_replaces_the_official_location_and_keeps_the_file_name()
    {
        await using var server = new LoopbackHttpServer(r => r.Path == "/mirror/" + FileName ? LoopbackResponse.File(Content, r) : LoopbackResponse.NotFound());

        await Fetch(Entry(server, ContentSha), Options() with { Mirror = server.BaseUrl + "mirror/" });

        File.ReadAllBytes(Final).Should().Equal(Content);
    }

    [Fact]
    public async Task Manually_placed_file_is_recorded_then_verified_and_user_hash_overrides()
    {
        await using var server = new LoopbackHttpServer(_ => LoopbackResponse.NotFound());
        Directory.CreateDirectory(_dir);
        File.WriteAllBytes(Final, Content);

        (await Fetch(Entry(server), Options())).Action.Should().Be("recorded");
        (await Fetch(Entry(server), Options())).Action.Should().Be("present");
        string wrong = new('0', 64);
        var act = () => Fetch(Entry(server), Options() with { Sha256Overrides = new Dictionary<string, string> { ["model"] = wrong } });

        (await act.Should().ThrowAsync<CheckpointFetchException>()).WithMessage($"*exists but its SHA-256 is {ContentSha}, expected {wrong} (--sha256)*");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Complete_partial_file_answered_with_416_is_verified_and_installed()
    {
        await using var server = new LoopbackHttpServer(r => LoopbackResponse.File(Content, r));
        Directory.CreateDirectory(_dir);
        File.WriteAllBytes(Part, Content);

        var outcome = await Fetch(Entry(server, ContentSha), Options());

        outcome.Action.Should().Be("downloaded");
        File.ReadAllBytes(Final).Should().Equal(Content);
        server.Requests.Single().RangeStart.Should().Be(Content.Length);
        server.BodyBytesSent.Should().Be(0);
    }

    [Fact]
    public async Task Server_error_is_retried_and_a_later_attempt_succeeds()
    {
        await using var server = new LoopbackHttpServer(r => r.Index == 0 ? new LoopbackResponse(503, []) : LoopbackResponse.File(Content, r));

        await Fetch(Entry(server, ContentSha), Options(attempts: 2));

        File.ReadAllBytes(Final).Should().Equal(Content);
        server.Requests.Should().HaveCount(2);
    }
}
