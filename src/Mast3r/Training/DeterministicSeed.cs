namespace Mast3r.Training;

/// <summary>
/// Process-independent seed mixing (SplitMix64). <see cref="HashCode"/> and string hash codes are randomised per
/// process, which would break resuming in a new process with an identical continuation.
/// </summary>
internal static class DeterministicSeed
{
    public static int Mix(params long[] parts)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (long p in parts)
        {
            h ^= (ulong)p;
            h += 0x9E3779B97F4A7C15UL;
            h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
            h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
            h ^= h >> 31;
        }
        return (int)(h & 0x7FFFFFFF);
    }
}
