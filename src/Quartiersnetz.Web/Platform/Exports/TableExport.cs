using System.Globalization;
using CsvHelper;
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
/// Text that a spreadsheet would run as a formula (=, +, -, @ at the start) gets an apostrophe in front, in both
/// formats, so an entered name like "=HYPERLINK(…)" stays text (CSV injection, OWASP).
/// </summary>
internal static class TableExport
{
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
        ExportFormat format, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var headers = columns.Select(c => l[c.Header].Value).ToList();
        using var stream = new MemoryStream();
        if (format == ExportFormat.Csv)
        {
            await WriteCsvAsync(stream, headers, columns, rows, cancellationToken);
        }
        else
        {
            var sheet = rows.Select(row =>
            {
                var cells = new Dictionary<string, object?>(columns.Count);
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = columns[i].Value(row);
                    cells[headers[i]] = value is string text ? Defuse(text) : value;
                }

                return cells;
            });
            await stream.SaveAsAsync(sheet, printHeader: true, sheetName: "Export", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        }

        return stream.ToArray();
    }

    private static async Task WriteCsvAsync<T>(
        Stream stream, IReadOnlyList<string> headers, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var options = new CsvWriterOptions
        {
            Separator = ';',
            WriteByteOrderMark = true,
            FormatProvider = German,
            Injection = CsvInjection.Escape,
        };
        await using var csv = CsvWriter.Create(stream, options, true);
        await csv.WriteRecordAsync([.. headers], cancellationToken);
        foreach (var row in rows)
        {
            await csv.WriteRecordAsync(columns.Select(c => c.Value(row) switch
            {
                null => "",
                IFormattable value => value.ToString(null, German),
                var other => other.ToString() ?? "",
            }).ToArray(), cancellationToken);
        }
    }

    private static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
