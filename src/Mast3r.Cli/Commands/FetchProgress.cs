using Mast3r.Checkpoints.Fetch;
using Spectre.Console;

namespace Mast3r.Cli.Commands;

/// <summary>Renders <see cref="DownloadProgress"/>: a Spectre.Console bar on a terminal, throttled plain lines otherwise (CI logs).</summary>
internal static class FetchProgress
{
    public static async Task<FetchOutcome> WithBarAsync(CheckpointEntry entry, Func<Action<DownloadProgress>, Task<FetchOutcome>> fetch)
    {
        FetchOutcome? outcome = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(entry.Name), autoStart: true, maxValue: 1);
                task.IsIndeterminate = true;
                outcome = await fetch(p =>
                {
                    if (p.Total is { } total && total > 0)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = total;
                    }
                    task.Value = p.Bytes;
                    task.Description = Markup.Escape(p.Phase == "downloading" ? entry.Name : $"{entry.Name}: {p.Phase}");
                });
                task.Description = Markup.Escape($"{entry.Name}: {outcome.Action}");
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return outcome!;
    }

    /// <summary>One line per 10 % (or per 256 MiB when the size is unknown) and on every phase change.</summary>
    public static Action<DownloadProgress> PlainLines()
    {
        string? phase = null;
        long lastStep = -1;
        return p =>
        {
            long step = p.Total is > 0 ? p.Bytes * 10 / p.Total.Value : p.Bytes >> 28;
            if (p.Phase == phase && step == lastStep) return;
            phase = p.Phase;
            lastStep = step;
            string of = p.Total is { } t ? $" / {Mib(t)} ({100.0 * p.Bytes / t:0}%)" : "";
            Console.WriteLine(p.Bytes == 0 && p.Phase != "downloading" ? $"{p.Name}: {p.Phase}" : $"{p.Name}: {p.Phase} {Mib(p.Bytes)}{of}");
        };
    }

    private static string Mib(long bytes) => $"{bytes / 1048576.0:0.0} MiB";
}
