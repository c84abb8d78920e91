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
        .Description("Publish the mast3r CLI self-contained for linux-x64 (--gpu-host: trimmed, no libtorch natives)")
        .IsDependentOn("Restore")
        .Does(() =>
        {
            bool gpuHost = Switch("gpu-host");
            var output = Artifacts.Combine("publish").Combine(gpuHost ? "gpu-host" : P("runtime"));
            CleanDirectory(output);
            string extra = gpuHost ? "-p:Mast3rGpuHost=true -p:PublishTrimmed=true -p:TrimMode=partial" : "";
            Run("dotnet", $"publish \"{Root}/src/Mast3r.Cli/Mast3r.Cli.csproj\" -c Release -r {P("runtime")} --self-contained {extra} -o \"{output}\" -nologo");
            Information($"Published to {output}");
        });
}

/// Runs a process in the repository root; a non-zero exit fails the target.
void Run(string tool, string arguments, IDictionary<string, string> environment = null)
{
    var settings = new ProcessSettings { Arguments = arguments, WorkingDirectory = Root };
    if (environment != null) settings.EnvironmentVariables = environment;
    int code = StartProcess(tool, settings);
    if (code != 0) throw new CakeException(code, $"'{tool} {arguments}' exited with code {code}.");
}
