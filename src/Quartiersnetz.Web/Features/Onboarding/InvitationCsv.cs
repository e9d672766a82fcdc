using System.Text;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>
/// Reads the invitation CSV file as German Excel writes it: UTF-8 with or without BOM, separator ";" (also
/// ","), quotes doubled inside quoted fields. A quoted value may not span lines: names and addresses never do,
/// and so an unclosed quote is reported on its own line instead of swallowing the rest of the file, as a
/// general CSV reader would. Messages are German source texts with the line number as {0}.
/// </summary>
internal static class InvitationCsv
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 500;

    public static readonly IReadOnlyList<string> Header = ["E-Mail", "Name", "Rolle", "Gemeinde", "Organisation", "Funktion"];

    /// <summary>A line of the file (1-based, as an editor shows it) and its fields.</summary>
    internal sealed record Row(int Line, IReadOnlyList<string> Fields);

    /// <summary>A problem in the file; <see cref="Line"/> 0 means the file as a whole. Args are format arguments after the line.</summary>
    internal sealed record Problem(int Line, string Message, params object[] Args);

    internal sealed record Result(IReadOnlyList<Row> Rows, IReadOnlyList<Problem> Problems);

    /// <summary>The template offered for download: header and one example line, with BOM so Excel reads the umlauts.</summary>
    public static byte[] Template()
    {
        var text = string.Join(';', Header) + "\r\n"
            + "erika.musterfrau@beispiel.de;Erika Musterfrau;Mitarbeitende;Gelsenkirchen;Stadt Gelsenkirchen;Quartiersmanagement\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    public static Result Parse(byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new Result([], [new Problem(0, "Die Datei ist nicht UTF-8-kodiert. Bitte speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.")]);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lines = text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        var problems = new List<Problem>();
        var rows = new List<Row>();
        var headerIndex = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (headerIndex < 0)
        {
            return new Result([], [new Problem(0, "Die Datei ist leer.")]);
        }

        var headerLine = lines[headerIndex];
        var separator = headerLine.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var header = SplitLine(headerLine, separator, out _);
        if (header is null || header.Count != Header.Count
            || !header.Zip(Header).All(p => string.Equals(p.First.Trim(), p.Second, StringComparison.OrdinalIgnoreCase)))
        {
            return new Result([], [new Problem(headerIndex + 1, "Zeile {0}: Die Kopfzeile muss „{1}“ lauten.", string.Join(';', Header))]);
        }

        for (var i = headerIndex + 1; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = SplitLine(lines[i], separator, out var error);
            if (fields is null)
            {
                problems.Add(new Problem(lineNumber, error!));
                continue;
            }

            // Excel writes ";;;;;" for rows that only look empty.
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (fields.Count != Header.Count)
            {
                problems.Add(new Problem(lineNumber, "Zeile {0}: Erwartet werden {1} Spalten, die Zeile hat {2}. Prüfen Sie Trennzeichen und Anführungszeichen.", Header.Count, fields.Count));
                continue;
            }

            rows.Add(new Row(lineNumber, fields.Select(f => f.Trim()).ToList()));
        }

        if (rows.Count + problems.Count == 0)
        {
            problems.Add(new Problem(0, "Die Datei enthält keine Einladungen, nur die Kopfzeile."));
        }
        else if (rows.Count + problems.Count > MaxRows)
        {
            problems.Insert(0, new Problem(0, "Die Datei enthält mehr als {1} Zeilen. Bitte teilen Sie sie auf.", MaxRows));
        }

        return new Result(rows, problems);
    }

    /// <summary>Splits one physical line; null with a message (line number as {0}) when the quoting is broken.</summary>
    private static List<string>? SplitLine(string line, char separator, out string? error)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var position = 0;
        error = null;
        while (true)
        {
            field.Clear();
            if (position < line.Length && line[position] == '"')
            {
                position++;
                var closed = false;
                while (position < line.Length)
                {
                    if (line[position] == '"')
                    {
                        if (position + 1 < line.Length && line[position + 1] == '"')
                        {
                            field.Append('"');
                            position += 2;
                            continue;
                        }

                        closed = true;
                        position++;
                        break;
                    }

                    field.Append(line[position++]);
                }

                if (!closed)
                {
                    error = "Zeile {0}: Ein Anführungszeichen wird nicht geschlossen.";
                    return null;
                }

                // Spaces after a closing quote are harmless; anything else means broken quoting.
                while (position < line.Length && line[position] == ' ')
                {
                    position++;
                }

                if (position < line.Length && line[position] != separator)
                {
                    error = "Zeile {0}: Nach einem schließenden Anführungszeichen muss ein Trennzeichen folgen.";
                    return null;
                }
            }
            else
            {
                while (position < line.Length && line[position] != separator)
                {
                    if (line[position] == '"')
                    {
                        error = "Zeile {0}: Ein Anführungszeichen steht mitten im Wert. Setzen Sie den ganzen Wert in Anführungszeichen und verdoppeln Sie das innere Anführungszeichen.";
                        return null;
                    }

                    field.Append(line[position++]);
                }
            }

            fields.Add(field.ToString());
            if (position >= line.Length)
            {
                return fields;
            }

            position++; // the separator
        }
    }
}
