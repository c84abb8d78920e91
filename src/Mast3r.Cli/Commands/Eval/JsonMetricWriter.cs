using System.Text;
using System.Text.Json;

namespace Mast3r.Cli.Commands.Eval;

/// <summary>
/// Writes a metric object as indented JSON, in the order given. Values: double, int, long, string, a nested object
/// (a sequence of key/value pairs) or an array (a sequence of such values). Non-finite doubles are written as the
/// bare tokens NaN / Infinity the way Python's json.dumps does, so our output and the reference scripts' output
/// parse the same way.
/// </summary>
internal static class JsonMetricWriter
{
    public static string Write(IEnumerable<KeyValuePair<string, object>> entries)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteValue(w, entries, "(root)");
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter w, object value, string key)
    {
        switch (value)
        {
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case double d: w.WriteRawValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity", skipInputValidation: true); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case string s: w.WriteStringValue(s); break;
            case IEnumerable<KeyValuePair<string, object>> obj:
                w.WriteStartObject();
                foreach (var (k, v) in obj)
                {
                    w.WritePropertyName(k);
                    WriteValue(w, v, k);
                }
                w.WriteEndObject();
                break;
            case IEnumerable<object> array:
                w.WriteStartArray();
                foreach (var item in array) WriteValue(w, item, key);
                w.WriteEndArray();
                break;
            default: throw new ArgumentException($"unsupported JSON value type {value.GetType().Name} for key {key}");
        }
    }
}
