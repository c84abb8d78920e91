using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Mast3r.Metrics;

namespace Mast3r.Cli.Commands.Eval;

/// <summary>Input and output steps shared by the pose-based `mast3r eval` subcommands.</summary>
internal static class PoseEvalSupport
{
    /// <summary>
    /// Runs an action and maps user errors to exit code 2 with a one-line message on the error stream. Needed here
    /// because System.CommandLine's default exception handler would otherwise catch <see cref="CliUsageException"/>
    /// first (exit 1 with a stack trace).
    /// </summary>
    public static int Guarded(ParseResult parse, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CliUsageException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    public static Option<string> RequiredPath(string name, string description) => new(name) { Description = description, Required = true };

    /// <summary>Reads a pose list, turning every format problem into a usage error that names file and line.</summary>
    public static IReadOnlyList<PoseTextFile.Entry> Read(string path, Func<string, IReadOnlyList<PoseTextFile.Entry>> reader)
    {
        try
        {
            return reader(path);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new CliUsageException(e.Message);
        }
    }

    /// <summary>
    /// Serialises a JSON object to the command's output. Infinite values (e.g. a median over more than half failed
    /// queries) are written as the bare literal <c>Infinity</c>, as Python's json module writes and reads them.
    /// </summary>
    public static void WriteJson(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else if (double.IsNaN(value)) writer.WriteRawValue("NaN", skipInputValidation: true);
        else writer.WriteRawValue(value > 0 ? "Infinity" : "-Infinity", skipInputValidation: true);
    }

    public static string Describe(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
