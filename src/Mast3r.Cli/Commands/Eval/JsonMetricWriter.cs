using System.Text;
using System.Text.Json;

namespace Mast3r.Cli.Commands.Eval;

/// <summary>
/// Writes a flat metric object as indented JSON. Non-finite values are written as the bare tokens NaN / Infinity
/// the way Python's json.dumps does, so our output and the reference scripts' output parse the same way.
/// </summary>
internal static class JsonMetricWriter
{
    public static string Write(IEnumerable<KeyValuePair<string, object>> entries)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            foreach (var (key, value) in entries)
            {
                w.WritePropertyName(key);
                switch (value)
                {
                    case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
                    case double d: w.WriteRawValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity", skipInputValidation: true); break;
                    case int i: w.WriteNumberValue(i); break;
                    case long l: w.WriteNumberValue(l); break;
                    case string s: w.WriteStringValue(s); break;
                    default: throw new ArgumentException($"unsupported JSON value type {value.GetType().Name} for key {key}");
                }
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
