using System.Diagnostics;

namespace Mast3r.Tests.TestSupport;

/// <summary>
/// Runs the Debian <c>chromium</c> (or <c>chromium-headless-shell</c>) in headless mode for report tests. Absent
/// locally → the test is skipped; absent where it is required (<c>CI=true</c> or <c>REPRO_REQUIRE_DATA=1</c>) → it fails.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly string[] Candidates = ["chromium", "chromium-headless-shell", "chromium-browser", "google-chrome"];

    public static string? Find() =>
        Candidates.SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    public static bool Required =>
        Environment.GetEnvironmentVariable("CI") == "true" || Environment.GetEnvironmentVariable("REPRO_REQUIRE_DATA") == "1";

    /// <summary>Runs chromium with the given mode arguments on a file URL; returns stdout. Killed after 90 s.</summary>
    public static async Task<string> RunAsync(string exe, string htmlPath, params string[] modeArgs)
    {
        string profile = TestPaths.NewTempDir("mast3r-chromium");
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-extensions", "--hide-scrollbars", $"--user-data-dir={profile}", "--virtual-time-budget=2000" })
            psi.ArgumentList.Add(a);
        foreach (var a in modeArgs) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(new Uri(htmlPath).AbsoluteUri);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {exe}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} did not finish within 90 s. stderr: {await stderr}");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{exe} exited with {process.ExitCode}. stderr: {await stderr}");
        return await stdout;
    }
}
