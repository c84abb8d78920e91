using TorchSharp;

namespace Mast3r.Cli;

/// <summary>The `--device` option of every command that runs tensors: cpu, cuda or cuda:N, checked against this build.</summary>
internal static class CliDevice
{
    public static torch.Device Parse(string? text)
    {
        torch.Device device;
        try
        {
            device = new torch.Device(text ?? "");
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new CliUsageException($"--device '{text}': expected cpu or cuda (cuda:N for another GPU)");
        }
        if (device.type is not (DeviceType.CPU or DeviceType.CUDA))
            throw new CliUsageException($"--device '{text}': expected cpu or cuda (cuda:N for another GPU)");
        if (device.type == DeviceType.CUDA && !torch.cuda.is_available())
            throw new CliUsageException("--device cuda: CUDA is not available to this build's libtorch (a GPU host needs the shim built against its PyTorch: docs/gpu-host.md)");
        return device;
    }
}
