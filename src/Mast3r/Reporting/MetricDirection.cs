using System.Text.Json.Serialization;

namespace Mast3r.Reporting;

/// <summary>Which way a metric improves; serialised as <c>"higher"</c> / <c>"lower"</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetricDirection>))]
public enum MetricDirection
{
    /// <summary>Larger is better (accuracy, AUC, recall).</summary>
    [JsonStringEnumMemberName("higher")] Higher,

    /// <summary>Smaller is better (errors, distances).</summary>
    [JsonStringEnumMemberName("lower")] Lower,
}
