using System.Text;

namespace Mast3r.Reporting;

/// <summary>RFC 4180 record splitter behind <see cref="CsvTable.Read"/>; tracks line numbers for errors.</summary>
internal static class CsvParser
{
    public static List<(int Line, string[] Cells)> Parse(string text, string source)
    {
        var records = new List<(int, string[])>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        int line = 1, recordLine = 1, i = 0;
        bool inQuotes = false, recordHasContent = false;
        while (i < text.Length)
        {
            char c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                if (c == '"') { inQuotes = false; i++; continue; }
                if (c == '\n') line++;
                cell.Append(c); i++; continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0: inQuotes = true; recordHasContent = true; break;
                case ',': cells.Add(cell.ToString()); cell.Clear(); recordHasContent = true; break;
                case '\r': break;
                case '\n':
                    if (recordHasContent || cell.Length > 0) { cells.Add(cell.ToString()); records.Add((recordLine, cells.ToArray())); }
                    cells.Clear(); cell.Clear(); recordHasContent = false; line++; recordLine = line; break;
                default: cell.Append(c); recordHasContent = true; break;
            }
            i++;
        }
        if (inQuotes) throw new InvalidDataException($"{source}: line {recordLine}: unterminated quoted cell.");
        if (recordHasContent || cell.Length > 0) { cells.Add(cell.ToString()); records.Add((recordLine, cells.ToArray())); }
        return records;
    }
}
