namespace Mast3r.Inference;

/// <summary>Where and how to run the network.</summary>
/// <param name="Device">"cpu" or "cuda" (optionally "cuda:N").</param>
/// <param name="Dtype">Trunk precision.</param>
/// <param name="BatchSize">Pairs per forward when all pairs share shapes (upstream <c>inference(batch_size=8)</c>).</param>
public sealed record InferenceOptions(string Device = "cpu", InferenceDtype Dtype = InferenceDtype.Float32, int BatchSize = 8)
{
    /// <summary>Parses the CLI spellings: device cpu|cuda[:N], dtype fp32|bf16|fp16.</summary>
    public static InferenceOptions Parse(string device, string dtype, int batchSize = 8)
    {
        string d = device.Trim().ToLowerInvariant();
        if (d != "cpu" && d != "cuda" && !(d.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(d[5..], out int n) && n >= 0))
            throw new ArgumentException($"unknown device '{device}' (expected cpu or cuda)");
        var t = dtype.Trim().ToLowerInvariant() switch
        {
            "fp32" or "float32" => InferenceDtype.Float32,
            "bf16" or "bfloat16" => InferenceDtype.BFloat16,
            "fp16" or "float16" => InferenceDtype.Float16,
            _ => throw new ArgumentException($"unknown dtype '{dtype}' (expected fp32, bf16 or fp16)"),
        };
        if (batchSize < 1) throw new ArgumentException($"batch size must be positive, got {batchSize}");
        return new InferenceOptions(d, t, batchSize);
    }

    /// <summary>The CLI spelling of <see cref="Dtype"/>.</summary>
    public string DtypeName => Dtype switch
    {
        InferenceDtype.BFloat16 => "bf16",
        InferenceDtype.Float16 => "fp16",
        _ => "fp32",
    };

    internal TorchSharp.torch.ScalarType ScalarType => Dtype switch
    {
        InferenceDtype.BFloat16 => TorchSharp.torch.ScalarType.BFloat16,
        InferenceDtype.Float16 => TorchSharp.torch.ScalarType.Float16,
        _ => TorchSharp.torch.ScalarType.Float32,
    };

    /// <summary>The torch device; a clear error when CUDA is requested but not available in this process.</summary>
    internal TorchSharp.torch.Device ResolveDevice()
    {
        if (Device == "cpu") return TorchSharp.torch.CPU;
        if (!TorchSharp.torch.cuda.is_available())
            throw new InvalidOperationException($"device '{Device}' requested but CUDA is not available (this build loads libtorch-cpu, or no GPU/driver is present); use --device cpu");
        return new TorchSharp.torch.Device(Device);
    }
}
