using System.Security.Cryptography;

namespace Mast3r.Checkpoints.Fetch;

/// <summary>SHA-256 as lower-case hex: the form used in manifests, lock files and provenance.</summary>
internal static class Sha256Hex
{
    public static bool IsValid(string hex) => hex.Length == 64 && hex.All(Uri.IsHexDigit);

    public static string Normalize(string hex, string what)
    {
        string h = hex.Trim().ToLowerInvariant();
        if (!IsValid(h)) throw new ArgumentException($"{what}: '{hex}' is not a SHA-256 (64 hex digits).");
        return h;
    }

    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
