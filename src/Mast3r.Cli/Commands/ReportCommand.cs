using System.CommandLine;
using Mast3r.Report;
using Mast3r.Reporting;

namespace Mast3r.Cli.Commands;

/// <summary>`mast3r report --run DIR [--out FILE]`: renders a run's results.json + provenance.json + CSVs into one self-contained HTML page.</summary>
internal sealed class ReportCommand : ICliCommand
{
    public Command Build()
    {
        var run = new Option<string>("--run") { Description = "Run directory (artifacts/repro/<run-id>) holding results.json and provenance.json.", Required = true };
        var output = new Option<string?>("--out") { Description = "HTML file to write (default: <run>/report.html)." };
        var coverage = new Option<string?>("--coverage") { Description = "Coverage index.html to link (default: artifacts/coverage/index.html beside artifacts/repro)." };
        var command = new Command("report", "Render the HTML report of a reproduction run (no network: inline CSS and SVG plots).") { run, output, coverage };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(run)!;
            if (!File.Exists(Path.Combine(dir, "results.json")))
                throw new CliUsageException($"{Path.GetFullPath(Path.Combine(dir, "results.json"))} not found; --run must name a run directory written by the Reproduce target (then `mast3r results --run DIR`).");
            try
            {
                Console.WriteLine(HtmlReport.Write(new RunDirectory(dir), parse.GetValue(output), parse.GetValue(coverage)));
                return 0;
            }
            catch (InvalidDataException e)
            {
                throw new CliUsageException(e.Message);
            }
        });
        return command;
    }
}
