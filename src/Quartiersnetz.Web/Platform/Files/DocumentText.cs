using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Text.Json.Serialization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Quartiersnetz.Platform.Files;

/// <summary>How far a document's full text has come: extraction runs in the background after the upload (<see cref="DocumentTextJob"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DocumentTextStatus>))]
internal enum DocumentTextStatus
{
    Pending,
    Extracted,

    /// <summary>The file could not be read (damaged, protected by a password, or no text layer); it stays downloadable.</summary>
    Failed,
}

/// <summary>
/// Reads uploaded documents (publication files, project documents): a quick check at upload (can the file be opened at
/// all, how many pages) and the full text for the search, which the background job extracts. PDFs through PdfPig, Word
/// files by streaming the document part's XML (no Office library is needed to read text runs).
/// </summary>
internal static class DocumentText
{
    /// <summary>About 1,000 dense pages; more is cut (the file itself stays whole) so that one file cannot swamp the index.</summary>
    public const int MaxLength = 2_000_000;

    public enum Problem
    {
        None,

        /// <summary>The PDF needs a password to be opened: nobody could read it, and neither can the search.</summary>
        Encrypted,

        /// <summary>The file starts like a PDF or a Word file but cannot be read.</summary>
        Damaged,
    }

    /// <summary>The check at upload; the page count of a PDF, null for Word files.</summary>
    public static (Problem Problem, int? Pages) Inspect(byte[] content, DocumentKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind == DocumentContent.Docx)
        {
            return (ReadDocx(content, maxChars: 1) is null ? Problem.Damaged : Problem.None, null);
        }

        try
        {
            using var document = PdfDocument.Open(content);
            return document.NumberOfPages > 0 ? (Problem.None, document.NumberOfPages) : (Problem.Damaged, null);
        }
        catch (PdfDocumentEncryptedException)
        {
            return (Problem.Encrypted, null);
        }
#pragma warning disable CA1031 // PdfPig throws many kinds of exceptions for broken files; any of them means "damaged".
        catch (Exception)
#pragma warning restore CA1031
        {
            return (Problem.Damaged, null);
        }
    }

    /// <summary>The text of the file, words separated by spaces and pages by line breaks, at most <paramref name="maxChars"/>; null when it cannot be read.</summary>
    public static string? Extract(byte[] content, string extension, int maxChars = MaxLength) =>
        extension == DocumentContent.Docx.Extension ? ReadDocx(content, maxChars) : ReadPdf(content, maxChars);

    private static string? ReadPdf(byte[] content, int maxChars)
    {
        try
        {
            using var document = PdfDocument.Open(content);
            var text = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                foreach (var word in page.GetWords())
                {
                    text.Append(word.Text).Append(' ');
                }

                text.Append('\n');
                if (text.Length >= maxChars)
                {
                    break;
                }
            }

            return Clip(text, maxChars);
        }
#pragma warning disable CA1031 // see Inspect
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>
    /// Text runs (w:t) of word/document.xml, paragraphs as line breaks. Reading stops at <paramref name="maxChars"/>, and
    /// the part is read as a stream: an upload passed <see cref="DocumentContent"/>'s size checks, and nothing here
    /// unpacks more than it reads.
    /// </summary>
    private static string? ReadDocx(byte[] content, int maxChars)
    {
        const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var part = zip.GetEntry("word/document.xml");
            if (part is null)
            {
                return null;
            }

            using var stream = part.Open();
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var text = new StringBuilder();
            while (reader.Read() && text.Length < maxChars)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == WordNamespace)
                {
                    if (reader.LocalName == "t")
                    {
                        text.Append(reader.ReadElementContentAsString());
                    }
                    else if (reader.LocalName is "tab" or "br")
                    {
                        text.Append(' ');
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "p" && reader.NamespaceURI == WordNamespace)
                {
                    text.Append('\n');
                }
            }

            return Clip(text, maxChars);
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return null;
        }
    }

    private static string Clip(StringBuilder text, int maxChars) => (text.Length > maxChars ? text.ToString(0, maxChars) : text.ToString()).Trim();
}
