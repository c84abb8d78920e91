namespace Mast3r.Inference;

/// <summary>Numeric precision of encoder and decoder (the heads always run in float32).</summary>
public enum InferenceDtype
{
    /// <summary>float32 everywhere: the parity reference.</summary>
    Float32,
    /// <summary>bfloat16 trunk (meant for the GPU).</summary>
    BFloat16,
    /// <summary>float16 trunk (meant for the GPU).</summary>
    Float16,
}
