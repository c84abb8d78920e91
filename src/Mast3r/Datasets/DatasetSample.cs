using Mast3r.Datasets.Kapture;

namespace Mast3r.Datasets;

/// <summary>
/// Data files a layout check samples instead of listing them all: the files derived from the first record of a
/// kapture <c>records_camera.txt</c> (e.g. the first InLoc cutout and its <c>.jpg.mat</c>, the first 7-Scenes colour
/// image and its <c>depth.reg</c>), so a dataset whose text files are in place but whose per-image data was not
/// extracted is reported with the file that is missing.
/// </summary>
internal sealed record DatasetSample(string RecordsFile, string DataFolder, IReadOnlyList<Func<string, string>> Files)
{
    /// <summary>Absolute paths of the sampled files that do not exist (nothing when the records file itself is missing:
    /// the required paths report it); a records file or first record that cannot be used is reported with the reason.</summary>
    public IReadOnlyList<string> Missing(string datasetDir)
    {
        string records = Path.Combine(datasetDir, RecordsFile);
        if (!File.Exists(records)) return Array.Empty<string>();
        try
        {
            var first = KaptureFiles.ReadRecords(records).FirstOrDefault();
            if (first is null) return new[] { $"{records} (no records)" };
            return Files.Select(f => Path.Combine(datasetDir, DataFolder, f(first.ImagePath))).Where(p => !File.Exists(p)).ToList();
        }
        catch (InvalidDataException e)
        {
            return new[] { $"{records} (cannot check its first record: {e.Message})" };
        }
    }
}
