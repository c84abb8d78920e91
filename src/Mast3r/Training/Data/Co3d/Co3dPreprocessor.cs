namespace Mast3r.Training.Data.Co3d;

/// <summary>Arguments of the CO3Dv2 preprocessing (dust3r <c>preprocess_co3d.py</c> defaults; protocols.md §6.1).</summary>
internal sealed record Co3dPreprocessOptions
{
    public required string Co3dDir { get; init; }
    public required string OutputDir { get; init; }
    /// <summary>Null = every one of the 51 categories present under <see cref="Co3dDir"/>.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    public IReadOnlyList<string> Splits { get; init; } = new[] { "train", "test" };
    /// <summary>An official <c>selected_seqs_&lt;split&gt;.json</c> (global or per-category form).</summary>
    public string? SelectedSeqsFile { get; init; }
    public int NumSequencesPerObject { get; init; } = 50;
    public double MinQuality { get; init; } = 0.5;
    public int ImgSize { get; init; } = 512;
    public bool SingleSequenceSubset { get; init; }
}

/// <summary>Progress of one frame: category, split, frame position and count, the set-list file path, whether it was reused.</summary>
internal readonly record struct Co3dProgress(string Category, string Split, int Index, int Count, string FilePath, bool Reused);

/// <summary>
/// The file side of dust3r <c>preprocess_co3d.py</c> (prepare_sequences; protocols.md §6.2–6.3 step 8): per category and
/// split, selects sequences and frames, loads image/depth/mask, runs <see cref="Co3dFrameProcessor"/> and writes the
/// official layout (<c>images/*.jpg</c>, <c>depths/*.jpg.geometric.png</c>, <c>masks/*.png</c>, <c>images/*.npz</c>,
/// <c>selected_seqs_&lt;split&gt;.json</c> per category and overall). Frames whose four outputs exist are reused.
/// </summary>
internal static class Co3dPreprocessor
{
    /// <summary>Runs every (split, category); returns the overall selection per split: split → category → sequence → frame indices.</summary>
    public static Dictionary<string, Dictionary<string, Dictionary<string, List<int>>>> Run(Co3dPreprocessOptions o, Action<Co3dProgress>? progress = null)
    {
        if (!Directory.Exists(o.Co3dDir)) throw new DirectoryNotFoundException($"{o.Co3dDir}: CO3D folder not found.");
        if (Path.GetFullPath(o.Co3dDir).TrimEnd('/') == Path.GetFullPath(o.OutputDir).TrimEnd('/'))
            throw new ArgumentException("the output folder must differ from the CO3D folder (the script asserts this).");
        var categories = o.Categories ?? Co3dSequenceSelection.Categories.Where(c => Directory.Exists(Path.Combine(o.Co3dDir, c))).ToList();
        if (categories.Count == 0) throw new DirectoryNotFoundException($"{o.Co3dDir}: no CO3D category folder found.");
        foreach (var c in categories)
            if (!Directory.Exists(Path.Combine(o.Co3dDir, c))) throw new DirectoryNotFoundException($"{Path.Combine(o.Co3dDir, c)}: category folder not found.");

        var all = new Dictionary<string, Dictionary<string, Dictionary<string, List<int>>>>(StringComparer.Ordinal);
        foreach (var split in o.Splits)
        {
            var perSplit = new Dictionary<string, Dictionary<string, List<int>>>(StringComparer.Ordinal);
            foreach (var category in categories)
                perSplit[category] = RunCategory(o, category, split, progress);
            Co3dSequenceSelection.Write(Path.Combine(o.OutputDir, $"selected_seqs_{split}.json"), perSplit);
            all[split] = perSplit;
        }
        return all;
    }

    /// <summary>One category and split: selection, per-frame processing, the per-category selected_seqs file.</summary>
    public static Dictionary<string, List<int>> RunCategory(Co3dPreprocessOptions o, string category, string split, Action<Co3dProgress>? progress = null)
    {
        string categoryDir = Path.Combine(o.Co3dDir, category);
        var entries = Co3dCategoryReader.ReadSetLists(categoryDir, split, o.SingleSequenceSubset ? "manyview_dev" : "fewview_train");
        var candidates = Co3dSequenceSelection.Candidates(entries, Co3dCategoryReader.ReadQualityScores(categoryDir), o.MinQuality);
        string previous = Path.Combine(o.OutputDir, category, $"selected_seqs_{split}.json");
        var official = o.SelectedSeqsFile != null
            ? Co3dSequenceSelection.ReadSelected(o.SelectedSeqsFile, category)
              ?? throw new InvalidDataException($"{o.SelectedSeqsFile}: no entry for category '{category}'.")
            : File.Exists(previous) ? Co3dSequenceSelection.ReadSelected(previous, category) : null;
        var selected = Co3dSequenceSelection.Select(candidates, official, o.NumSequencesPerObject, category);
        var frames = Co3dSequenceSelection.Frames(entries, selected);

        var annotations = Co3dCategoryReader.ReadFrameAnnotations(categoryDir);
        string annotationFile = Path.Combine(categoryDir, "frame_annotations.jgz");
        var result = selected.ToDictionary(s => s, _ => new List<int>(), StringComparer.Ordinal);
        for (int i = 0; i < frames.Count; i++)
        {
            var e = frames[i];
            if (!annotations.TryGetValue(e.FilePath, out var record))
                throw new InvalidDataException($"{annotationFile}: no annotation for '{e.FilePath}' (set list '{split}', sequence {e.Sequence}, frame {e.FrameNumber}).");
            int idx = Co3dFrameGeometry.FrameIndex(e.FilePath);
            bool reused = ProcessFrame(o, record, e);
            result[e.Sequence].Add(idx);
            progress?.Invoke(new Co3dProgress(category, split, i, frames.Count, e.FilePath, reused));
        }
        if (official != null) CheckFrames(official, result, category);
        Co3dSequenceSelection.Write(previous, result);
        return result;
    }

    /// <summary>The four output paths of one frame, relative to the output folder (protocols.md §6.3 step 8).</summary>
    public static (string Image, string Depth, string Mask, string Npz) OutputPaths(string filePath, string depthPath)
        => (filePath, depthPath, filePath.Replace("images", "masks", StringComparison.Ordinal).Replace(".jpg", ".png", StringComparison.Ordinal),
            Co3dFrameGeometry.NpzPath(filePath));

    // Returns true when all outputs already existed (the script skips such frames).
    private static bool ProcessFrame(Co3dPreprocessOptions o, Co3dFrameRecord record, Co3dSetListEntry e)
    {
        var (imageRel, depthRel, maskRel, npzRel) = OutputPaths(e.FilePath, record.DepthPath);
        string Out(string rel) => Path.Combine(o.OutputDir, rel);
        if (new[] { imageRel, depthRel, maskRel, npzRel }.All(r => File.Exists(Out(r)))) return true;

        string In(string rel) => Path.Combine(o.Co3dDir, rel);
        string where = $"sequence {e.Sequence}, frame {e.FrameNumber} ({e.FilePath})";
        try
        {
            var a = record.Annotation;
            var (rgb, w, h) = Co3dImageFiles.ReadRgb(In(e.FilePath));
            CheckSize(In(e.FilePath), w, h, a);
            var (depth, dw, dh) = Co3dImageFiles.ReadDepth(In(record.DepthPath));
            CheckSize(In(record.DepthPath), dw, dh, a);
            var (mask, mw, mh) = Co3dImageFiles.ReadMask(In(maskRel));
            CheckSize(In(maskRel), mw, mh, a);

            var f = Co3dFrameProcessor.Process(a, rgb, depth, mask, o.ImgSize);
            Co3dImageFiles.WriteJpeg(Out(imageRel), f.Image, f.Width, f.Height);
            Co3dImageFiles.WritePng16(Out(depthRel), f.DepthWords, f.Width, f.Height);
            Co3dImageFiles.WritePng8(Out(maskRel), f.Mask, f.Width, f.Height);
            Co3dFrameProcessor.WriteNpz(Out(npzRel), f);
            return false;
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException)
        {
            throw new InvalidDataException($"{where}: {ex.Message}", ex);
        }
    }

    private static void CheckSize(string path, int w, int h, Co3dFrameAnnotation a)
    {
        if (w != a.Width || h != a.Height)
            throw new InvalidDataException($"{path}: size {w}×{h} differs from the annotated image.size {a.Width}×{a.Height}.");
    }

    private static void CheckFrames(Dictionary<string, List<int>> official, Dictionary<string, List<int>> produced, string category)
    {
        foreach (var (seq, frames) in official)
            if (!frames.SequenceEqual(produced[seq]))
                throw new InvalidDataException($"{category}/{seq}: the given selection lists frames [{string.Join(", ", frames)}] but the set lists give [{string.Join(", ", produced[seq])}].");
    }
}
