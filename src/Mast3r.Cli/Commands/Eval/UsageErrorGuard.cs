using System.CommandLine;

namespace Mast3r.Cli.Commands.Eval;

/// <summary>
/// Runs a command body and turns a <see cref="CliUsageException"/> into "error: …" on stderr and exit code 2.
/// Needed because System.CommandLine's default exception handler catches exceptions thrown inside an action
/// before <c>CliApp.Run</c> can (it would print a stack trace and return 1).
/// </summary>
internal static class UsageErrorGuard
{
    public static int Run(Func<int> body) => Run(Console.Error, body);

    /// <summary>The same, writing to the invocation's error stream (so that in-process callers can capture it).</summary>
    public static int Run(ParseResult parse, Func<int> body) => Run(parse.InvocationConfiguration.Error, body);

    private static int Run(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
