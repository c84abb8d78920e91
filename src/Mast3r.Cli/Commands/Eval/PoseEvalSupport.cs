using System.CommandLine;
using Mast3r.Metrics;

namespace Mast3r.Cli.Commands.Eval;

/// <summary>Input steps shared by the pose-list `mast3r eval` subcommands (visloc, relpose).</summary>
internal static class PoseEvalSupport
{
    public static Option<string> RequiredPath(string name, string description) => new(name) { Description = description, Required = true };

    /// <summary>Reads a pose list, turning every format problem into a usage error that names file and line.</summary>
    public static IReadOnlyList<PoseTextFile.Entry> Read(string path, Func<string, IReadOnlyList<PoseTextFile.Entry>> reader)
    {
        try
        {
            return reader(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException(e.Message);
        }
    }

    public static KeyValuePair<string, object> Entry(string key, object value) => new(key, value);
}
