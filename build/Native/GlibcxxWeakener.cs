// Marks the GLIBCXX_3.4.32 version need of TorchSharp 0.107's libLibTorchSharp.so as weak (VER_FLG_WEAK).
// Why: the shim is built with GCC 13 and records a need for GLIBCXX_3.4.32 through a single symbol
// (std::ios_base_library_init, an iostream initialisation marker no relocation refers to). Debian 12 and
// Ubuntu 22.04 ship libstdc++ up to 3.4.30, so the loader refuses the library although nothing it calls is
// missing. A weak need lets the loader proceed. Compiled both into an MSBuild inline task
// (build/Native/TorchSharpNative.targets) and into the unit tests (with NO_MSBUILD_TASK defined).
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Mast3r.Build.Native
{
    public enum WeakenOutcome { Patched, AlreadyWeak }

    public sealed class ElfPatchException : Exception
    {
        public ElfPatchException(string message) : base(message) { }
    }

    public static class GlibcxxWeakener
    {
        public const string TargetVersion = "GLIBCXX_3.4.32";
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlgWeak = 0x2;

        /// <summary>True when the given libstdc++ already defines <see cref="TargetVersion"/>.</summary>
        public static bool LibStdCxxProvides(string libstdcxxPath, string version = TargetVersion)
        {
            byte[] data = File.ReadAllBytes(libstdcxxPath);
            byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
            return IndexOf(data, needle) >= 0;
        }

        /// <summary>Finds the host's libstdc++.so.6, or null when none of the usual places has one.</summary>
        public static string? FindHostLibStdCxx()
        {
            string[] candidates =
            {
                "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
            };
            foreach (string c in candidates)
                if (File.Exists(c)) return c;
            return null;
        }

        /// <summary>Patches <paramref name="path"/> in place. Throws <see cref="ElfPatchException"/> unless exactly
        /// one version-need entry named <paramref name="version"/> exists.</summary>
        public static WeakenOutcome Weaken(string path, string version = TargetVersion)
        {
            byte[] data = File.ReadAllBytes(path);
            long flagsOffset = FindVernauxFlagsOffset(data, version, path);
            ushort flags = BitConverter.ToUInt16(data, (int)flagsOffset);
            if ((flags & VerFlgWeak) != 0) return WeakenOutcome.AlreadyWeak;
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Write))
            {
                fs.Position = flagsOffset;
                byte[] patched = BitConverter.GetBytes((ushort)(flags | VerFlgWeak));
                fs.Write(patched, 0, 2);
            }
            return WeakenOutcome.Patched;
        }

        /// <summary>Lists (file, version, flags) for every version need, for diagnostics and tests.</summary>
        public static IReadOnlyList<(string File, string Version, ushort Flags)> ListVersionNeeds(byte[] data, string what)
        {
            var result = new List<(string, string, ushort)>();
            Walk(data, what, (file, name, flags, _) => result.Add((file, name, flags)));
            return result;
        }

        internal static long FindVernauxFlagsOffset(byte[] data, string version, string what)
        {
            var hits = new List<long>();
            Walk(data, what, (_, name, _, flagsOffset) => { if (name == version) hits.Add(flagsOffset); });
            if (hits.Count != 1)
                throw new ElfPatchException($"{what}: expected exactly one version need named {version}, found {hits.Count}; refusing to patch.");
            return hits[0];
        }

        private static void Walk(byte[] data, string what, Action<string, string, ushort, long> visit)
        {
            if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
                throw new ElfPatchException($"{what}: not an ELF file.");
            if (data[4] != 2 || data[5] != 1)
                throw new ElfPatchException($"{what}: only 64-bit little-endian ELF is supported.");
            long shoff = (long)U64(data, 0x28, what);
            int shentsize = U16(data, 0x3A, what);
            int shnum = U16(data, 0x3C, what);
            if (shentsize < 64 || shnum == 0) throw new ElfPatchException($"{what}: no section headers.");
            bool found = false;
            for (int i = 0; i < shnum; i++)
            {
                long sh = shoff + (long)i * shentsize;
                if (U32(data, sh + 4, what) != ShtGnuVerneed) continue;
                found = true;
                long offset = (long)U64(data, sh + 0x18, what);
                uint link = U32(data, sh + 0x28, what);
                uint count = U32(data, sh + 0x2C, what); // sh_info = number of Verneed entries
                if (link >= shnum) throw new ElfPatchException($"{what}: .gnu.version_r links to a missing string table.");
                long strOff = (long)U64(data, shoff + (long)link * shentsize + 0x18, what);
                long vn = offset;
                for (uint n = 0; n < count; n++)
                {
                    int cnt = U16(data, vn + 2, what);
                    string file = Str(data, strOff + U32(data, vn + 4, what), what);
                    long aux = vn + U32(data, vn + 8, what);
                    for (int a = 0; a < cnt; a++)
                    {
                        string name = Str(data, strOff + U32(data, aux + 8, what), what);
                        visit(file, name, U16(data, aux + 4, what), aux + 4);
                        uint next = U32(data, aux + 12, what);
                        if (next == 0) break;
                        aux += next;
                    }
                    uint vnNext = U32(data, vn + 12, what);
                    if (vnNext == 0) break;
                    vn += vnNext;
                }
            }
            if (!found) throw new ElfPatchException($"{what}: no .gnu.version_r section.");
        }

        private static void Check(byte[] d, long at, int len, string what)
        {
            if (at < 0 || at + len > d.Length) throw new ElfPatchException($"{what}: truncated or malformed ELF (offset {at}).");
        }
        private static ushort U16(byte[] d, long at, string what) { Check(d, at, 2, what); return BitConverter.ToUInt16(d, (int)at); }
        private static uint U32(byte[] d, long at, string what) { Check(d, at, 4, what); return BitConverter.ToUInt32(d, (int)at); }
        private static ulong U64(byte[] d, long at, string what) { Check(d, at, 8, what); return BitConverter.ToUInt64(d, (int)at); }
        private static string Str(byte[] d, long at, string what)
        {
            Check(d, at, 1, what);
            long end = at;
            while (end < d.Length && d[end] != 0) end++;
            return Encoding.ASCII.GetString(d, (int)at, (int)(end - at));
        }
        private static int IndexOf(byte[] hay, byte[] needle)
        {
            for (int i = 0; i <= hay.Length - needle.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && hay[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }

#if !NO_MSBUILD_TASK
    /// <summary>MSBuild task: weakens the need in each given file when the host libstdc++ lacks the version.</summary>
    public sealed class WeakenGlibcxxNeed : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        public override bool Execute()
        {
            string? host = GlibcxxWeakener.FindHostLibStdCxx();
            if (host == null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "No host libstdc++ found; TorchSharp shim left as is.");
                return true;
            }
            if (GlibcxxWeakener.LibStdCxxProvides(host))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"{host} provides {GlibcxxWeakener.TargetVersion}; no patch needed.");
                return true;
            }
            foreach (var item in Files)
            {
                string path = item.ItemSpec;
                if (!File.Exists(path)) continue;
                try
                {
                    var outcome = GlibcxxWeakener.Weaken(path);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"{path}: {GlibcxxWeakener.TargetVersion} need {outcome}.");
                }
                catch (ElfPatchException e)
                {
                    Log.LogError(e.Message);
                    return false;
                }
            }
            return true;
        }
    }
#endif
}
