using System.Text;
using System.Text.Json;

namespace Mast3r.Inference;

/// <summary>
/// JSON form of a <see cref="PairBenchmarkResult"/>. Written with <see cref="Utf8JsonWriter"/> rather than the
/// reflection serializer so that the trimmed GPU-host publish needs no serializer metadata.
/// </summary>
internal static class PairBenchmarkReport
{
    /// <summary>Indented JSON; field names are snake_case and carry their unit.</summary>
    public static string ToJson(PairBenchmarkResult r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var s = r.Settings;
            w.WriteStartObject();
            w.WriteString("model", r.Model);
            w.WriteString("variant", r.Variant);
            w.WriteString("device", s.Device.ToString());
            w.WriteString("dtype", s.Precision.ToString().ToLowerInvariant());
            w.WriteBoolean("tf32", s.Tf32 && s.Device.type == TorchSharp.DeviceType.CUDA);
            w.WriteNumber("torch_threads", TorchSharp.torch.get_num_threads());
            w.WriteNumber("batch", s.Batch);
            w.WriteBoolean("symmetric", s.Symmetric);
            w.WriteNumber("height", s.Height);
            w.WriteNumber("width", s.Width);
            w.WriteNumber("warmup", s.Warmup);
            w.WriteNumber("repetitions", s.Repetitions);
            w.WriteNumber("ms_per_pair", r.MsPerPair);
            w.WriteNumber("pairs_per_second", r.PairsPerSecond);
            w.WriteNumber("ms_per_call_median", 1000 * r.MedianCallSeconds);
            w.WriteNumber("ms_per_call_min", 1000 * r.CallSeconds.Min());
            w.WriteStartArray("ms_per_call");
            foreach (double t in r.CallSeconds) w.WriteNumberValue(1000 * t);
            w.WriteEndArray();
            w.WriteNumber("flops_per_call", r.FlopsPerCall);
            w.WriteNumber("achieved_tflops", r.AchievedTflops);
            WriteBytes(w, "peak_memory_bytes", r.PeakMemory);
            w.WriteString("peak_memory_kind", r.PeakMemory.Kind);
            // Memory after the first and the last timed call: equal up to allocator noise when nothing leaks.
            WriteBytes(w, "memory_after_first_call_bytes", r.AfterFirstCall);
            WriteBytes(w, "memory_after_last_call_bytes", r.AfterLastCall);
            if (r.Matching is { } m)
            {
                w.WriteStartObject("matching");
                w.WriteNumber("ms_median", 1000 * m.MedianSeconds);
                w.WriteNumber("ms_min", 1000 * m.CallSeconds.Min());
                w.WriteNumber("matches", m.Matches);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("matching");
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteBytes(Utf8JsonWriter w, string name, MemoryFigure figure)
    {
        if (figure.Bytes is long bytes) w.WriteNumber(name, bytes);
        else w.WriteNull(name);
    }
}
