using FluentAssertions;
using Mast3r.Reproduction;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Reproduction;

[Trait("Category", "Unit")]
public sealed class ResultCacheTests
{
    private static readonly Dictionary<string, string> Key = new() { ["settings"] = "a", ["dataset"] = "d" };

    [Fact]
    public void A_reopened_cache_with_the_same_key_serves_the_stored_items()
    {
        string dir = TestPaths.NewTempDir();
        int calls = 0;
        ResultCache.Open(dir, Key).GetOrCompute("q1", () => { calls++; return new[] { 1.0, 2.0 }; });
        var reopened = ResultCache.Open(dir, Key);
        reopened.GetOrCompute("q1", () => { calls++; return new[] { 0.0 }; }).Should().Equal(1.0, 2.0);
        calls.Should().Be(1);
        reopened.Hits.Should().Be(1);
    }

    [Fact]
    public void A_changed_key_starts_a_separate_cache_and_never_serves_the_old_items()
    {
        string dir = TestPaths.NewTempDir();
        var first = ResultCache.Open(dir, Key);
        first.GetOrCompute("q1", () => 1);
        var other = ResultCache.Open(dir, new Dictionary<string, string> { ["settings"] = "b", ["dataset"] = "d" });

        other.GetOrCompute("q1", () => 2).Should().Be(2);
        other.Hits.Should().Be(0);
        other.Directory.Should().NotBe(first.Directory);
        ResultCache.Open(dir, Key).GetOrCompute("q1", () => 3).Should().Be(1, "the first key's items are still there");
    }

    [Fact]
    public void A_key_file_that_disagrees_with_its_directory_is_refused()
    {
        string dir = TestPaths.NewTempDir();
        var cache = ResultCache.Open(dir, Key);
        File.WriteAllText(Path.Combine(cache.Directory, "cache-key.json"), "{\"settings\": \"edited\", \"dataset\": \"d\"}");

        var act = () => ResultCache.Open(dir, Key);

        act.Should().Throw<StaleCacheException>().WithMessage("*settings: cached 'edited' vs now 'a'*");
    }

    [Fact]
    public void Every_computed_item_is_reported_with_its_name_and_the_running_counts_but_cache_hits_are_not()
    {
        string dir = TestPaths.NewTempDir();
        ResultCache.Open(dir, Key).GetOrCompute("q1", () => 1);
        var lines = new List<string>();
        var cache = ResultCache.Open(dir, Key);
        cache.Progress = lines.Add;

        cache.GetOrCompute("q1", () => 0);
        cache.GetOrCompute("q2", () => 2);

        lines.Should().ContainSingle().Which.Should().StartWith("q2: computed in ").And.EndWith("(1 computed, 1 from the cache)");
        cache.Computed.Should().Be(1);
    }
}
