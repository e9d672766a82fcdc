using Quartiersnetz.Features.Library;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.UnitTests.Library;

public sealed class PublicationTextTests
{
    [Theory]
    [InlineData("978-3-16-148410-0", true)]
    [InlineData("9783161484100", true)]
    [InlineData("3-16-148410-X", true)]
    [InlineData("978-3-16-148410-9", false)]
    [InlineData("3-16-148410-1", false)]
    [InlineData("978316148410", false)]
    [InlineData("ISBN 978-3-16-148410-0", false)]
    public void An_ISBN_counts_only_with_a_valid_check_digit(string isbn, bool valid) =>
        Assert.Equal(valid, SavePublication.IsValidIsbn(isbn));

    [Fact]
    public void A_Word_file_gives_its_paragraphs_as_lines_and_stops_at_the_limit()
    {
        var docx = WordFile("<w:p><w:r><w:t>Erster</w:t></w:r><w:r><w:tab/><w:t>Absatz</w:t></w:r></w:p><w:p><w:r><w:t>Zweiter Absatz</w:t></w:r></w:p>");

        Assert.Equal("Erster Absatz\nZweiter Absatz", DocumentText.Extract(docx, DocumentContent.Docx.Extension));
        Assert.Equal("Erster", DocumentText.Extract(docx, DocumentContent.Docx.Extension, maxChars: 6));
        Assert.Equal((DocumentText.Problem.None, (int?)null), DocumentText.Inspect(docx, DocumentContent.Docx));
    }

    [Fact]
    public void A_Word_file_with_a_document_type_declaration_is_not_read()
    {
        // An external entity could read files of the server; DTDs are refused outright.
        var docx = WordFile("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");

        Assert.Null(DocumentText.Extract(docx, DocumentContent.Docx.Extension));
        Assert.Equal(DocumentText.Problem.Damaged, DocumentText.Inspect(docx, DocumentContent.Docx).Problem);
    }

    [Fact]
    public void A_file_that_only_starts_like_a_PDF_is_damaged()
    {
        var broken = "%PDF-1.7\n1 0 obj kaputt\n%%EOF\n"u8.ToArray();

        Assert.Equal(DocumentText.Problem.Damaged, DocumentText.Inspect(broken, DocumentContent.Pdf).Problem);
        Assert.Null(DocumentText.Extract(broken, DocumentContent.Pdf.Extension));
    }

    private static byte[] WordFile(string body, string doctype = "")
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write($"<?xml version=\"1.0\"?>{doctype}<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>");
        }

        return buffer.ToArray();
    }
}
