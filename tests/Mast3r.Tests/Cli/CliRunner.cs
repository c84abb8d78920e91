using System.CommandLine;
using Mast3r.Cli;

namespace Mast3r.Tests.Cli;

/// <summary>Runs the `mast3r` command tree in-process with captured output streams.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
