using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// The font of the PDFs, embedded in the app so the output is the same on every machine (PDFsharp finds no system
/// fonts on Linux). DejaVu Sans covers German and most European names.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<byte[]> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> Bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lock Gate = new();

    /// <summary>Sets the resolver once per process; PDFsharp keeps it in a static.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[] GetFont(string faceName) => faceName == "DejaVuSans-Bold" ? Bold.Value : Regular.Value;

    private static byte[] Load(string file)
    {
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream("Quartiersnetz.Fonts." + file)
            ?? throw new InvalidOperationException($"Embedded font {file} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>What a badge or a line of the attendance list shows.</summary>
internal sealed record PdfParticipant(string Name, string? Organisation, string? Municipality, int Companions);

/// <summary>What the PDFs say about the event.</summary>
internal sealed record PdfEvent(string Title, DateTime StartUtc, string? Venue);

/// <summary>
/// Name badges (A4, 2 × 5 badges of 90 × 50 mm, cutting lines) and the attendance list (A4, a signature column) as
/// PDF. Companions get a badge "Begleitung von …" each and appear in the list under the person they come with.
/// Texts come in already localised; a name too long for the badge is set smaller, then shortened with "…".
/// </summary>
internal static class ParticipantPdfs
{
    private const double Mm = 72 / 25.4;

    public static byte[] Badges(PdfEvent ev, IReadOnlyList<PdfParticipant> people, string companionOf, string title)
    {
        EmbeddedFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = title;
        var nameFont = new XFont(EmbeddedFontResolver.Family, 18, XFontStyleEx.Bold);
        var nameFonts = Enumerable.Range(0, 19).Select(size => new XFont(EmbeddedFontResolver.Family, Math.Max(size, 1), XFontStyleEx.Bold)).ToArray();
        var textFont = new XFont(EmbeddedFontResolver.Family, 10, XFontStyleEx.Regular);
        var smallFont = new XFont(EmbeddedFontResolver.Family, 8, XFontStyleEx.Regular);
        var line = new XPen(XColors.Gray, 0.5) { DashStyle = XDashStyle.Dash };
        double width = 90 * Mm, height = 50 * Mm, left = 15 * Mm, top = 23.5 * Mm;
        var badges = people.SelectMany(p => Enumerable.Range(0, 1 + p.Companions).Select(i => i == 0
            ? p
            : new PdfParticipant(string.Format(CultureInfo.InvariantCulture, companionOf, p.Name), null, null, 0))).ToList();
        XGraphics? gfx = null;
        try
        {
            for (var i = 0; i < badges.Count; i++)
            {
                if (i % 10 == 0)
                {
                    gfx?.Dispose();
                    var page = document.AddPage();
                    page.Size = PdfSharp.PageSize.A4;
                    gfx = XGraphics.FromPdfPage(page);
                }

                var x = left + (i % 2) * width;
                var y = top + (i % 10 / 2) * height;
                gfx!.DrawRectangle(line, x, y, width, height);
                var inner = width - 10 * Mm;
                gfx.DrawString(Fit(gfx, ev.Title, smallFont, inner), smallFont, XBrushes.DimGray, new XRect(x + 5 * Mm, y + 4 * Mm, inner, 10), XStringFormats.TopLeft);
                var badge = badges[i];
                // Width scales with the size: one measurement picks the largest size (18 down to 11 pt) that fits.
                var natural = gfx.MeasureString(badge.Name, nameFont).Width;
                var font = natural <= inner ? nameFont : nameFonts[Math.Clamp((int)Math.Floor(18 * inner / natural), 11, 18)];

                gfx.DrawString(Fit(gfx, badge.Name, font, inner), font, XBrushes.Black, new XRect(x + 5 * Mm, y + 16 * Mm, inner, 24), XStringFormats.TopLeft);
                var lineY = y + 28 * Mm;
                foreach (var text in new[] { badge.Organisation, badge.Municipality })
                {
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        gfx.DrawString(Fit(gfx, text, textFont, inner), textFont, XBrushes.Black, new XRect(x + 5 * Mm, lineY, inner, 12), XStringFormats.TopLeft);
                        lineY += 5.5 * Mm;
                    }
                }
            }

            if (badges.Count == 0)
            {
                var page = document.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                gfx = XGraphics.FromPdfPage(page);
                gfx.DrawString(ev.Title, textFont, XBrushes.Black, new XPoint(left, top));
            }
        }
        finally
        {
            gfx?.Dispose();
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>The attendance list; <paramref name="headers"/> are the localised column titles (Nr., Name, Organisation, Kommune, Unterschrift).</summary>
    public static byte[] AttendanceList(PdfEvent ev, IReadOnlyList<PdfParticipant> people, IReadOnlyList<string> headers, string companionOf, string title, string pageOf)
    {
        EmbeddedFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = title;
        var headingFont = new XFont(EmbeddedFontResolver.Family, 14, XFontStyleEx.Bold);
        var headFont = new XFont(EmbeddedFontResolver.Family, 9, XFontStyleEx.Bold);
        var font = new XFont(EmbeddedFontResolver.Family, 9, XFontStyleEx.Regular);
        var pen = new XPen(XColors.Gray, 0.5);
        var lines = people.SelectMany(p => Enumerable.Range(0, 1 + p.Companions).Select(i => i == 0
            ? p
            : new PdfParticipant(string.Format(CultureInfo.InvariantCulture, companionOf, p.Name), null, null, 0))).ToList();
        double left = 15 * Mm, rowHeight = 9 * Mm;
        double[] widths = [12 * Mm, 55 * Mm, 45 * Mm, 33 * Mm, 35 * Mm];
        const int RowsPerPage = 24;
        var pages = Math.Max(1, (lines.Count + RowsPerPage - 1) / RowsPerPage);
        for (var p = 0; p < pages; p++)
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            var y = 15 * Mm;
            gfx.DrawString(Fit(gfx, ev.Title, headingFont, 180 * Mm), headingFont, XBrushes.Black, new XRect(left, y, 180 * Mm, 20), XStringFormats.TopLeft);
            y += 8 * Mm;
            var when = Platform.Time.BerlinTime.FormatDateTime(ev.StartUtc) + (ev.Venue is null ? "" : " · " + ev.Venue);
            gfx.DrawString(Fit(gfx, when, font, 140 * Mm), font, XBrushes.Black, new XRect(left, y, 140 * Mm, 12), XStringFormats.TopLeft);
            gfx.DrawString(string.Format(CultureInfo.InvariantCulture, pageOf, p + 1, pages), font, XBrushes.Black,
                new XRect(left, y, 180 * Mm, 12), XStringFormats.TopRight);
            y += 8 * Mm;
            Row(gfx, y, headers, headFont);
            y += rowHeight;
            foreach (var (person, index) in lines.Select((l, i) => (l, i)).Skip(p * RowsPerPage).Take(RowsPerPage))
            {
                Row(gfx, y, [(index + 1).ToString(CultureInfo.InvariantCulture), person.Name, person.Organisation ?? "", person.Municipality ?? "", ""], font);
                y += rowHeight;
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();

        void Row(XGraphics gfx, double y, IReadOnlyList<string> cells, XFont cellFont)
        {
            var x = left;
            for (var c = 0; c < widths.Length; c++)
            {
                gfx.DrawRectangle(pen, x, y, widths[c], rowHeight);
                gfx.DrawString(Fit(gfx, cells[c], cellFont, widths[c] - 3 * Mm), cellFont, XBrushes.Black,
                    new XRect(x + 1.5 * Mm, y, widths[c] - 3 * Mm, rowHeight), XStringFormats.CenterLeft);
                x += widths[c];
            }
        }
    }

    /// <summary>The text, shortened with "…" until it fits the width.</summary>
    private static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        // Start from the proportional estimate, then correct by single characters.
        var end = Math.Clamp((int)(text.Length * width / gfx.MeasureString(text, font).Width), 1, text.Length);
        while (end > 1 && gfx.MeasureString(text[..end] + "…", font).Width > width)
        {
            end--;
        }

        return text[..end].TrimEnd() + "…";
    }
}
