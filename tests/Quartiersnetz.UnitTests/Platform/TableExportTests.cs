using System.IO.Compression;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.UnitTests.Platform;

public sealed class TableExportTests
{
    private sealed record Row(string Name, int Population, DateOnly Since, string? Note);

    private static readonly ExportColumn<Row>[] Columns =
    [
        new("Name", r => r.Name),
        new("Einwohner", r => r.Population),
        new("Mitglied seit", r => r.Since),
        new("Notiz", r => r.Note),
    ];

    private static readonly Row[] Rows =
    [
        new("Köln", 1_084_831, new DateOnly(2020, 3, 1), "Straße; „Zitat“"),
        new("=HYPERLINK(\"https://example.invalid\";\"klick\")", -5, new DateOnly(2021, 12, 24), null),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("csv", "Csv")]
    [InlineData("CSV", "Csv")]
    [InlineData("xlsx", "Xlsx")]
    public void Parses_the_known_formats(string value, string expected)
    {
        Assert.True(TableExport.TryParse(value, out var format));
        Assert.Equal(expected, format.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pdf")]
    [InlineData("xls")]
    public void Rejects_other_formats(string? value) => Assert.False(TableExport.TryParse(value, out _));

    [Fact]
    public void Names_the_file_after_the_list_and_the_day() =>
        Assert.Equal("personen-2026-12-01.xlsx", TableExport.FileName("personen", ExportFormat.Xlsx, new DateOnly(2026, 12, 1)));

    [Fact]
    public async Task Csv_has_a_byte_order_mark_semicolons_and_German_dates()
    {
        var bytes = await TableExport.WriteAsync(ExportFormat.Csv, Columns, Rows, new SourceTexts(), Ct);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Name;Einwohner;Mitglied seit;Notiz", lines[0]);
        Assert.Equal("Köln;1084831;01.03.2020;\"Straße; „Zitat“\"", lines[1]);
    }

    [Fact]
    public async Task Csv_keeps_formulas_as_text_but_numbers_as_numbers()
    {
        var bytes = await TableExport.WriteAsync(ExportFormat.Csv, Columns, Rows, new SourceTexts(), Ct);

        var records = ReadCsv(bytes);
        Assert.Equal("'=HYPERLINK(\"https://example.invalid\";\"klick\")", records[2][0]);
        Assert.Equal("-5", records[2][1]);
    }

    [Fact]
    public async Task Csv_notes_follow_the_table_after_an_empty_line()
    {
        var bytes = await TableExport.WriteAsync(ExportFormat.Csv, Columns, Rows, new SourceTexts(), Ct, notes: ["Quelle: Destatis", "Lizenz: dl-de/by-2-0"]);

        var records = ReadCsv(bytes);
        Assert.Equal(6, records.Count);
        Assert.All(records[3], field => Assert.Equal("", field));
        Assert.Equal("Quelle: Destatis", records[4][0]);
        Assert.Equal("Lizenz: dl-de/by-2-0", records[5][0]);
    }

    [Fact]
    public async Task Xlsx_reads_back_with_German_headers_and_typed_numbers()
    {
        var bytes = await TableExport.WriteAsync(ExportFormat.Xlsx, Columns, Rows, new SourceTexts(), Ct);

        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("Köln", rows[0]["Name"]);
        Assert.Equal(1_084_831d, Convert.ToDouble(rows[0]["Einwohner"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Straße; „Zitat“", rows[0]["Notiz"]);
    }

    [Fact]
    public async Task Xlsx_dates_are_date_cells_shown_in_the_reader_s_short_date_format()
    {
        var bytes = await TableExport.WriteAsync(ExportFormat.Xlsx, Columns, Rows, new SourceTexts(), Ct);

        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(new DateTime(2020, 3, 1), rows[0]["Mitglied seit"]);
    }

    [Fact]
    public async Task Xlsx_writes_a_formula_like_name_as_a_text_cell_not_a_formula()
    {
        var bytes = await TableExport.WriteAsync(ExportFormat.Xlsx, Columns, Rows, new SourceTexts(), Ct);

        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("'=HYPERLINK(\"https://example.invalid\";\"klick\")", rows[1]["Name"]);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            Assert.DoesNotContain("<x:f>", await reader.ReadToEndAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task An_empty_list_keeps_its_header_row(string format)
    {
        Assert.True(TableExport.TryParse(format, out var parsed));

        var bytes = await TableExport.WriteAsync(parsed, Columns, [], new SourceTexts(), Ct);

        var headers = format == "csv"
            ? ReadCsv(bytes).Single()
            : ((IDictionary<string, object?>)MiniExcel.Query(new MemoryStream(bytes)).First()).Values.Select(v => v?.ToString() ?? "").ToArray();
        Assert.Equal(["Name", "Einwohner", "Mitglied seit", "Notiz"], headers);
    }

    [Fact]
    public async Task Xlsx_puts_notes_on_a_second_sheet()
    {
        var bytes = await TableExport.WriteAsync(ExportFormat.Xlsx, Columns, Rows, new SourceTexts(), Ct, notes: ["Quelle: Destatis"], sheetName: "Kommunen");

        Assert.Equal(["Kommunen", TableExport.NotesSheetName], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        var notes = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: TableExport.NotesSheetName)
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("Quelle: Destatis", Assert.Single(notes)["Hinweis"]);
    }

    [Fact]
    public async Task A_file_result_streams_from_a_temporary_file_with_the_download_name()
    {
        var result = await TableExport.FileAsync("kommunen", new DateOnly(2026, 1, 2), ExportFormat.Csv, Columns, Rows, new SourceTexts(), Ct);

        await using var stream = result.FileStream;
        Assert.Equal("kommunen-2026-01-02.csv", result.FileDownloadName);
        Assert.Equal("text/csv; charset=utf-8", result.ContentType);
        Assert.Equal(0, stream.Position);
        Assert.True(stream.Length > 50);
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false, Separator = ';' });
        var records = new List<string[]>();
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }

            records.Add(fields);
        }

        return records;
    }
}
