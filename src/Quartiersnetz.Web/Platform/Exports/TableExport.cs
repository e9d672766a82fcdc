using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Platform.Exports;

/// <summary>The file formats of the office's list exports.</summary>
internal enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>One column of an export: a German header (source text for the localizer) and how to read the cell.</summary>
internal sealed record ExportColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// Writes a list as CSV or XLSX, the same columns in both, so every directory list of the office exports alike.
/// CSV is what German spreadsheet programs open without an import dialog: UTF-8 with BOM, semicolons, de-DE numbers.
/// Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets an apostrophe in front, in
/// both formats, so an entered name like "=HYPERLINK(…)" stays text (CSV injection, OWASP); numbers are left alone,
/// so -5 stays a number.
/// Notes (e.g. the attribution the open-data licence requires) follow the table in CSV after an empty line and go to
/// a second sheet "Hinweise" in XLSX, so the first sheet stays a plain table to filter and sort.
/// </summary>
internal static class TableExport
{
    /// <summary>The name of the XLSX sheet that holds the notes.</summary>
    public const string NotesSheetName = "Hinweise";

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static bool TryParse(string? value, out ExportFormat format)
    {
        switch (value?.ToLowerInvariant())
        {
            case "csv":
                format = ExportFormat.Csv;
                return true;
            case "xlsx":
                format = ExportFormat.Xlsx;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static string ContentType(ExportFormat format) => format == ExportFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>e.g. "personen-2026-12-01.xlsx"; the date is the Berlin calendar day of the export.</summary>
    public static string FileName(string baseName, ExportFormat format, DateOnly day) =>
        $"{baseName}-{day:yyyy-MM-dd}.{(format == ExportFormat.Csv ? "csv" : "xlsx")}";

    public static async Task<byte[]> WriteAsync<T>(
        ExportFormat format, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows, IStringLocalizer<Texts> l, CancellationToken cancellationToken,
        IReadOnlyList<string>? notes = null, string sheetName = "Export")
    {
        using var stream = new MemoryStream();
        await WriteAsync(stream, format, columns, rows, l, cancellationToken, notes, sheetName);
        return stream.ToArray();
    }

    /// <summary>Writes the table into <paramref name="destination"/> (left open).</summary>
    public static async Task WriteAsync<T>(
        Stream destination, ExportFormat format, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken, IReadOnlyList<string>? notes = null, string sheetName = "Export")
    {
        var headers = columns.Select(c => l[c.Header].Value).ToList();
        if (format == ExportFormat.Csv)
        {
            await WriteCsvAsync(destination, headers, columns, rows, notes ?? [], cancellationToken);
            return;
        }

        // Dictionaries carry the header only with a first row; an empty list still gets its header row from a table.
        var materialized = rows as IReadOnlyCollection<T> ?? rows.ToList();
        object sheet = materialized.Count == 0 ? EmptyTable(headers) : materialized.Select(row =>
        {
            var cells = new Dictionary<string, object?>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = columns[i].Value(row);
                cells[headers[i]] = value is string text ? Defuse(text) : value;
            }

            return cells;
        });
        if (notes is not { Count: > 0 })
        {
            await destination.SaveAsAsync(sheet, printHeader: true, sheetName: sheetName, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
            return;
        }

        var noteHeader = l["Hinweis"].Value;
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [sheetName] = sheet,
            [NotesSheetName] = notes.Select(n => new Dictionary<string, object?> { [noteHeader] = Defuse(n) }).ToList(),
        };
        await destination.SaveAsAsync(sheets, printHeader: true, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The export as a download. The file is written to a temporary file first, so a list of 25,000 people does not sit
    /// in memory twice and the response gets its length; the file is deleted when the response has been sent.
    /// </summary>
    public static async Task<FileStreamResult> FileAsync<T>(
        string baseName, DateOnly day, ExportFormat format, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken, IReadOnlyList<string>? notes = null, string sheetName = "Export")
    {
        var file = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await WriteAsync(file, format, columns, rows, l, cancellationToken, notes, sheetName);
            file.Position = 0;
            return new FileStreamResult(file, ContentType(format)) { FileDownloadName = FileName(baseName, format, day) };
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task WriteCsvAsync<T>(
        Stream stream, List<string> headers, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows, IReadOnlyList<string> notes,
        CancellationToken cancellationToken)
    {
        var options = new CsvWriterOptions
        {
            Separator = ';',
            WriteByteOrderMark = true,
            FormatProvider = German,
            // Text is defused here rather than by the writer: the writer sees only strings, and would also escape "-5".
            Injection = CsvInjection.None,
        };
        await using var csv = CsvWriter.Create(stream, options, true);
        await csv.WriteRecordAsync([.. headers.Select(Defuse)], cancellationToken);
        foreach (var row in rows)
        {
            await csv.WriteRecordAsync(columns.Select(c => c.Value(row) switch
            {
                null => "",
                string text => Defuse(text),
                IFormattable value => value.ToString(null, German),
                var other => Defuse(other.ToString() ?? ""),
            }).ToArray(), cancellationToken);
        }

        if (notes.Count > 0)
        {
            // Every record has as many fields as the header (RFC 4180); the note sits in the first one.
            await csv.WriteRecordAsync(new string[headers.Count], cancellationToken);
            foreach (var note in notes)
            {
                var record = new string[headers.Count];
                record[0] = Defuse(note);
                await csv.WriteRecordAsync(record, cancellationToken);
            }
        }
    }

    private static System.Data.DataTable EmptyTable(List<string> headers)
    {
        var table = new System.Data.DataTable();
        foreach (var header in headers)
        {
            table.Columns.Add(header, typeof(string));
        }

        return table;
    }

    /// <summary>An apostrophe in front of text a spreadsheet would take for a formula.</summary>
    public static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
