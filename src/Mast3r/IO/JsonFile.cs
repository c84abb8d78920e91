using System.IO.Compression;
using System.Text.Json;

namespace Mast3r.IO;

/// <summary>Reads a JSON file, optionally gzip-compressed (the CO3D annotation files <c>*.jgz</c>).</summary>
internal static class JsonFile
{
    /// <summary>The parsed document; a missing file, bad gzip or bad JSON is an error naming the file.</summary>
    public static JsonDocument Parse(string path, bool gzip)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        try
        {
            using var file = File.OpenRead(path);
            using Stream s = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            return JsonDocument.Parse(s);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: not valid {(gzip ? "gzip-compressed " : "")}JSON ({e.Message}).", e);
        }
    }
}
