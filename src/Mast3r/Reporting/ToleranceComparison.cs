using System.Text.Json.Serialization;

namespace Mast3r.Reporting;

/// <summary>
/// How <see cref="MetricResult.Measured"/> is compared with <see cref="MetricResult.Expected"/> ± tolerance.
/// Paper rows use <see cref="Within"/> (a reproduction far better than the paper is as suspicious as one far
/// worse); synthetic-suite thresholds such as "≥ 99 % of queries" use <see cref="AtLeast"/>/<see cref="AtMost"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToleranceComparison>))]
public enum ToleranceComparison
{
    /// <summary>PASS when |measured − expected| ≤ tolerance.</summary>
    [JsonStringEnumMemberName("within")] Within,

    /// <summary>PASS when measured ≥ expected − tolerance.</summary>
    [JsonStringEnumMemberName("at_least")] AtLeast,

    /// <summary>PASS when measured ≤ expected + tolerance.</summary>
    [JsonStringEnumMemberName("at_most")] AtMost,
}
