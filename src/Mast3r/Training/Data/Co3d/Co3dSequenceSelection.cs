using System.Text.Json;
using Mast3r.IO;

namespace Mast3r.Training.Data.Co3d;

/// <summary>
/// Sequence and frame selection of dust3r <c>preprocess_co3d.py</c> (protocols.md §6.2): sorted unique set-list
/// sequence names, strict quality threshold, at most <c>num_sequences_per_object</c> sequences, frames in set-list order.
/// Deliberate deviation: CPython's <c>random.sample</c> is not reimplemented; when more sequences qualify than are
/// kept, the official <c>selected_seqs_&lt;split&gt;.json</c> must be given (the doc allows this).
/// </summary>
internal static class Co3dSequenceSelection
{
    /// <summary>The 51 CO3Dv2 categories in alphabetical order (the script's CATEGORIES; index = seed offset).</summary>
    public static IReadOnlyList<string> Categories { get; } = new[]
    {
        "apple", "backpack", "ball", "banana", "baseballbat", "baseballglove", "bench", "bicycle", "book", "bottle", "bowl",
        "broccoli", "cake", "car", "carrot", "cellphone", "chair", "couch", "cup", "donut", "frisbee", "hairdryer", "handbag",
        "hotdog", "hydrant", "keyboard", "kite", "laptop", "microwave", "motorcycle", "mouse", "orange", "parkingmeter",
        "pizza", "plant", "remote", "sandwich", "skateboard", "stopsign", "suitcase", "teddybear", "toaster", "toilet",
        "toybus", "toyplane", "toytrain", "toytruck", "tv", "umbrella", "vase", "wineglass",
    };

    /// <summary>Sequences passing the script's filters, in Python sorted order (ordinal string comparison).</summary>
    public static List<string> Candidates(IEnumerable<Co3dSetListEntry> entries, IReadOnlyDictionary<string, double> quality, double minQuality)
        => entries.Select(e => e.Sequence).Distinct().OrderBy(s => s, StringComparer.Ordinal)
            .Where(s => quality.TryGetValue(s, out double q) && q > minQuality).ToList();

    /// <summary>
    /// The selected sequences: from <paramref name="official"/> (the script's per-category map) when given, else all
    /// candidates when there are at most <paramref name="maxSequences"/>; otherwise the choice needs CPython's RNG.
    /// </summary>
    public static List<string> Select(List<string> candidates, IReadOnlyDictionary<string, List<int>>? official, int maxSequences, string category)
    {
        if (official != null)
        {
            var missing = official.Keys.Where(s => !candidates.Contains(s)).ToList();
            if (missing.Count > 0)
                throw new InvalidDataException($"{category}: selected sequence(s) {string.Join(", ", missing)} are not among the set-list sequences with quality above the threshold.");
            return official.Keys.ToList();
        }
        if (candidates.Count <= maxSequences) return candidates;
        throw new InvalidOperationException(
            $"{category}: {candidates.Count} sequences qualify and {maxSequences} are drawn with CPython's random.sample, which is not reimplemented; " +
            "pass the official selected_seqs_<split>.json (--selected-seqs).");
    }

    /// <summary>Set-list entries of the selected sequences, in set-list order.</summary>
    public static List<Co3dSetListEntry> Frames(IEnumerable<Co3dSetListEntry> entries, IReadOnlyCollection<string> selected)
    {
        var set = new HashSet<string>(selected, StringComparer.Ordinal);
        return entries.Where(e => set.Contains(e.Sequence)).ToList();
    }

    /// <summary>
    /// Reads a <c>selected_seqs_&lt;split&gt;.json</c>: the global form <c>{cat: {seq: [idx…]}}</c> or the per-category
    /// form <c>{seq: [idx…]}</c> (then it applies to <paramref name="category"/>). Null when the category is absent.
    /// </summary>
    public static Dictionary<string, List<int>>? ReadSelected(string path, string category)
    {
        using var doc = JsonFile.Parse(path, gzip: false);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{path}: expected a JSON object.");
        bool global = root.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Object);
        JsonElement map;
        if (!global) map = root;
        else if (!root.TryGetProperty(category, out map)) return null;
        var result = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var p in map.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: '{p.Name}' is not a list of frame indices.");
            result[p.Name] = p.Value.EnumerateArray().Select(v => v.GetInt32()).ToList();
        }
        return result;
    }

    /// <summary>Writes a selection map as JSON (insertion order kept, as Python's json.dump of a dict).</summary>
    public static void Write<T>(string path, IReadOnlyDictionary<string, T> map)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var s = File.Create(path);
        using var w = new Utf8JsonWriter(s);
        JsonSerializer.Serialize(w, map);
    }
}
