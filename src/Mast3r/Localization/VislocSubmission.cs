using System.Globalization;
using Mast3r.Geometry;

namespace Mast3r.Localization;

/// <summary>
/// The visuallocalization.net submission (<c>&lt;label&gt;_ltvl.txt</c>, protocols.md §1.3): one line per query
/// <c>basename qw qx qy qz tx ty tz</c>, world→camera (COLMAP convention); a failed query is written as the identity.
/// </summary>
internal static class VislocSubmission
{
    public static void Write(string path, IEnumerable<(string QueryName, Pose? WorldToCamera)> poses)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var ci = CultureInfo.InvariantCulture;
        var tmp = path + ".tmp";
        File.WriteAllLines(tmp, poses.Select(p =>
        {
            var pose = p.WorldToCamera ?? Pose.Identity;
            var (w, x, y, z) = pose.ToQuaternion();
            var t = pose.Translation;
            return Path.GetFileName(p.QueryName) + " " + string.Join(' ', new[] { w, x, y, z, t[0], t[1], t[2] }.Select(v => v.ToString("R", ci)));
        }));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Checks the file is complete and well-formed: one line per expected query, 8 fields, finite numbers, unit
    /// quaternion. Returns the problems (empty when valid).</summary>
    public static List<string> Validate(string path, IReadOnlyCollection<string> expectedQueries)
    {
        var problems = new List<string>();
        if (!File.Exists(path)) return new List<string> { $"{path} does not exist" };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 8) { problems.Add($"{path}, line {n}: {f.Length} fields instead of 8"); continue; }
            var v = new double[7];
            bool ok = true;
            for (int i = 0; i < 7; i++)
                ok &= double.TryParse(f[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) && double.IsFinite(v[i]);
            if (!ok) { problems.Add($"{path}, line {n}: non-numeric or non-finite value"); continue; }
            double qn = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2] + v[3] * v[3]);
            if (Math.Abs(qn - 1) > 1e-6) problems.Add($"{path}, line {n}: quaternion norm {qn}");
            if (!seen.Add(f[0])) problems.Add($"{path}, line {n}: query '{f[0]}' appears twice");
        }
        foreach (var q in expectedQueries.Select(Path.GetFileName))
            if (!seen.Contains(q!)) problems.Add($"{path}: query '{q}' is missing");
        return problems;
    }
}
