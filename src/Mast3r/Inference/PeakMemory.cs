using System.Runtime.InteropServices;

namespace Mast3r.Inference;

/// <summary>A memory figure and what exactly it measures.</summary>
/// <param name="Bytes">The figure, or null when it could not be read.</param>
/// <param name="Kind">What was measured (or why nothing was).</param>
internal sealed record MemoryFigure(long? Bytes, string Kind);

/// <summary>
/// Peak memory for benchmark reports. TorchSharp 0.107 exposes neither torch.cuda.max_memory_allocated nor
/// the caching allocator's statistics, so on CUDA we read the device's used memory through the CUDA runtime
/// that libtorch already loaded: the caching allocator never returns blocks during a run, so after the timed
/// calls this is the reserved peak plus the CUDA context (an upper bound on PyTorch's max_memory_allocated).
/// </summary>
internal static class PeakMemory
{
    private static readonly string[] CudaRuntimeNames = ["libcudart.so.13", "libcudart.so.12", "libcudart.so", "cudart64_13.dll", "cudart64_12.dll"];

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CudaMemGetInfo(out nuint free, out nuint total);

    /// <summary>Peak resident memory of this process on the host (VmHWM), for CPU runs.</summary>
    public static MemoryFigure HostPeak() => ProcStatus("VmHWM", "host peak resident set (VmHWM), whole process");

    /// <summary>Memory in use now: device memory on CUDA, resident set (VmRSS) on the host; for leak checks over many calls.</summary>
    public static MemoryFigure Current(bool cuda) => cuda ? CudaUsed() : ProcStatus("VmRSS", "host resident set (VmRSS)");

    private static MemoryFigure ProcStatus(string field, string kind)
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (string line in File.ReadLines(status))
            {
                if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
                string kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return new MemoryFigure(long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024, kind);
            }
        }
        return new MemoryFigure(Environment.WorkingSet, "host working set (no /proc/self/status)");
    }

    /// <summary>Used memory of the current CUDA device (total − free), or null with the reason.</summary>
    public static MemoryFigure CudaUsed()
    {
        foreach (string name in CudaRuntimeNames)
        {
            if (!NativeLibrary.TryLoad(name, out IntPtr lib)) continue;
            if (!NativeLibrary.TryGetExport(lib, "cudaMemGetInfo", out IntPtr fn)) continue;
            var call = Marshal.GetDelegateForFunctionPointer<CudaMemGetInfo>(fn);
            int rc = call(out nuint free, out nuint total);
            return rc == 0
                ? new MemoryFigure((long)(total - free), $"CUDA device memory in use after the timed calls ({name} cudaMemGetInfo: caching-allocator reserve + context, all processes on the device)")
                : new MemoryFigure(null, $"cudaMemGetInfo failed with CUDA error {rc}");
        }
        return new MemoryFigure(null, "no CUDA runtime library found to query device memory");
    }
}
