using System.Text.Json.Serialization;

namespace Mast3r.Reporting;

/// <summary>Outcome of one metric in a run; serialised upper case (<c>"PASS"</c>, …).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetricStatus>))]
public enum MetricStatus
{
    /// <summary>Measured and within tolerance of the expected value.</summary>
    [JsonStringEnumMemberName("PASS")] Pass,

    /// <summary>Measured and outside tolerance, or the run that should have produced it failed.</summary>
    [JsonStringEnumMemberName("FAIL")] Fail,

    /// <summary>Not measured (missing data or checkpoint); <see cref="MetricResult.Reason"/> says what is missing.</summary>
    [JsonStringEnumMemberName("SKIPPED")] Skipped,

    /// <summary>Ground truth is hidden: a benchmark submission was written and must be scored by the server.</summary>
    [JsonStringEnumMemberName("EXTERNAL")] External,
}
