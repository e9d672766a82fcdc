using System.IO.Compression;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Platform.Files;

/// <summary>A document format the platform accepts for download files (event documents, later publications).</summary>
internal sealed record DocumentKind(string Extension, string ContentType, string Label);

/// <summary>
/// Tells an uploaded document's format from its content. The file name and the declared content type come from the
/// client and prove nothing. Office files are ZIP packages: they count only when the package holds the part that
/// makes them a Word, Excel or PowerPoint file, and a package whose entries would unpack to far more than any real
/// document (a "zip bomb") or that cannot be read is refused, although nothing here unpacks it.
/// </summary>
internal static class DocumentContent
{
    public static readonly DocumentKind Pdf = new("pdf", "application/pdf", "PDF");
    public static readonly DocumentKind Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word");
    public static readonly DocumentKind Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel");
    public static readonly DocumentKind Pptx = new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint");
    public static readonly DocumentKind Jpeg = new("jpg", "image/jpeg", "JPEG");
    public static readonly DocumentKind Png = new("png", "image/png", "PNG");

    /// <summary>The kinds accepted, for the hint beside an upload field and for the <c>accept</c> attribute.</summary>
    public static IReadOnlyList<DocumentKind> All { get; } = [Pdf, Docx, Xlsx, Pptx, Jpeg, Png];

    /// <summary>Unpacked size above which an office package is refused (real documents with images stay far below).</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    /// <summary>Entry count above which an office package is refused.</summary>
    public const int MaxEntries = 5_000;

    /// <summary>Compression ratio (unpacked/packed) above which one entry is refused: XML compresses ~10:1, bombs 1000:1.</summary>
    public const int MaxEntryRatio = 200;

    /// <summary>The document's kind, or null when the content is none of the accepted formats.</summary>
    public static DocumentKind? Detect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var span = content.AsSpan();
        if (span.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        switch (ImageContent.Detect(span))
        {
            case ImageKind.Jpeg:
                return Jpeg;
            case ImageKind.Png:
                return Png;
        }

        return span.StartsWith("PK\u0003\u0004"u8) ? DetectOfficePackage(content) : null;
    }

    private static DocumentKind? DetectOfficePackage(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                return null;
            }

            long unpacked = 0;
            var hasContentTypes = false;
            DocumentKind? kind = null;
            foreach (var entry in zip.Entries)
            {
                unpacked += entry.Length;
                if (unpacked > MaxUnpackedBytes || (entry.Length > 1024 * 1024 && entry.Length / Math.Max(1, entry.CompressedLength) > MaxEntryRatio))
                {
                    return null;
                }

                hasContentTypes |= entry.FullName == "[Content_Types].xml";
                kind ??= entry.FullName switch
                {
                    "word/document.xml" => Docx,
                    "xl/workbook.xml" => Xlsx,
                    "ppt/presentation.xml" => Pptx,
                    _ => null,
                };
            }

            return hasContentTypes ? kind : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>"1,4 MB" / "820 KB" in German notation.</summary>
    public static string FormatSize(long bytes)
    {
        var culture = BerlinTime.Culture;
        return bytes >= 1024 * 1024
            ? (bytes / (1024.0 * 1024.0)).ToString("0.0", culture) + " MB"
            : Math.Max(1, (int)Math.Round(bytes / 1024.0)).ToString(culture) + " KB";
    }
}
