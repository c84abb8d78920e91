using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mast3r.Reporting;

/// <summary>
/// The one JSON dialect of run artifacts: snake_case names (the form Python tools and the paper's own harnesses
/// read), indented, nulls omitted, enums as their documented strings, UTF-8 without BOM, trailing newline.
/// Property order is declaration order, so files diff stably between runs.
/// </summary>
public static class ReproJson
{
    /// <summary>Serializer options used for every artifact.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        IndentSize = 2,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Serialises <paramref name="value"/> to text in the artifact dialect.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically (temp file + rename), creating the folder.</summary>
    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, Serialize(value));

    /// <summary>Reads a <typeparamref name="T"/> from <paramref name="path"/>; errors name the file, line and JSON path.</summary>
    public static T Read<T>(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                   ?? throw new InvalidDataException($"{path}: contains JSON null, expected a {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: line {(e.LineNumber ?? 0) + 1}, at {e.Path ?? "$"}: {e.Message}", e);
        }
    }
}
