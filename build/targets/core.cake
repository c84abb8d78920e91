// Clean, Restore, Compile, Publish.

void RegisterCoreTargets()
{
    Task("Clean")
        .Description("Delete artifacts/ and every project's bin/ and obj/")
        .Does(() =>
        {
            CleanDirectory(Artifacts);
            foreach (var dir in new[] { "src", "tests", "repro", "bench" })
            {
                CleanDirectories(Root.Combine(dir).FullPath + "/**/bin");
                CleanDirectories(Root.Combine(dir).FullPath + "/**/obj");
            }
        });

    Task("Restore")
        .Description("Restore NuGet packages and local dotnet tools")
        .Does(() =>
        {
            Run("dotnet", "tool restore");
            Run("dotnet", $"restore \"{Solution}\"");
        });

    Task("Compile")
        .Description("Build the solution (warnings are errors)")
        .IsDependentOn("Restore")
        .Does(() => Run("dotnet", $"build \"{Solution}\" -c {P("configuration")} --no-restore -nologo"));

    Task("Publish")
        .Description("Publish the mast3r CLI self-contained for linux-x64 (--gpu-host: trimmed, no libtorch natives, + host scripts)")
        .IsDependentOn("Restore")
        .Does(() =>
        {
            if (Switch("gpu-host"))
            {
                // The script also guards that no libtorch slipped into the bundle and packs the host scripts.
                var bundle = Artifacts.Combine("publish/gpu-host");
                Run("bash", $"\"{Root}/scripts/publish-gpu-host.sh\" \"{bundle}\"");
                Information($"GPU-host bundle in {bundle} (docs/gpu-host.md)");
                return;
            }
            var output = Artifacts.Combine("publish").Combine(P("runtime"));
            CleanDirectory(output);
            Run("dotnet", $"publish \"{Root}/src/Mast3r.Cli/Mast3r.Cli.csproj\" -c Release -r {P("runtime")} --self-contained -o \"{output}\" -nologo");
            Information($"Published to {output}");
        });

    Task("PublishSmoke")
        .Description("Publish the CLI trimmed (as --gpu-host does, with CPU libtorch) and run infer/bench on it: trimming broke nothing")
        .IsDependentOn("Restore")
        .Does(() => Run("bash", $"\"{Root}/scripts/publish-smoke.sh\" \"{Artifacts}/publish-smoke\""));
}

/// Runs a process in the repository root; a non-zero exit fails the target.
void Run(string tool, string arguments, IDictionary<string, string> environment = null)
{
    var settings = new ProcessSettings { Arguments = arguments, WorkingDirectory = Root };
    if (environment != null) settings.EnvironmentVariables = environment;
    int code = StartProcess(tool, settings);
    if (code != 0) throw new CakeException(code, $"'{tool} {arguments}' exited with code {code}.");
}
