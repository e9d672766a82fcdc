using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Quartiersnetz.Features.Events;

namespace Quartiersnetz.Features.Attendance;

/// <summary>One day's section of the signature list: its heading and its people.</summary>
internal sealed record AttendancePdfDay(string Heading, IReadOnlyList<AttendanceRow> People);

/// <summary>
/// The attendance list for signature (A4, the embedded DejaVu font of the events' PDFs): one section per day of the
/// event, each starting on a new page, with number, name, organisation, the check-in and check-out time of that day and
/// an empty signature column. Texts come in already localised.
/// </summary>
internal static class AttendancePdf
{
    private const double Mm = 72 / 25.4;
    private const int RowsPerPage = 22;

    public static byte[] Render(string title, string subtitle, IReadOnlyList<AttendancePdfDay> days, IReadOnlyList<string> headers, string pageOf)
    {
        EmbeddedFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = title;
        var headingFont = new XFont(EmbeddedFontResolver.Family, 14, XFontStyleEx.Bold);
        var headFont = new XFont(EmbeddedFontResolver.Family, 9, XFontStyleEx.Bold);
        var font = new XFont(EmbeddedFontResolver.Family, 9, XFontStyleEx.Regular);
        var pen = new XPen(XColors.Gray, 0.5);
        double left = 15 * Mm, rowHeight = 9 * Mm;
        double[] widths = [10 * Mm, 50 * Mm, 45 * Mm, 18 * Mm, 18 * Mm, 39 * Mm];
        var total = days.Sum(d => Math.Max(1, (d.People.Count + RowsPerPage - 1) / RowsPerPage));
        var pageNumber = 0;
        foreach (var day in days)
        {
            var pages = Math.Max(1, (day.People.Count + RowsPerPage - 1) / RowsPerPage);
            for (var p = 0; p < pages; p++)
            {
                var page = document.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                pageNumber++;
                using var gfx = XGraphics.FromPdfPage(page);
                var y = 15 * Mm;
                gfx.DrawString(Fit(gfx, title, headingFont, 180 * Mm), headingFont, XBrushes.Black, new XRect(left, y, 180 * Mm, 20), XStringFormats.TopLeft);
                y += 8 * Mm;
                gfx.DrawString(Fit(gfx, day.Heading + " · " + subtitle, font, 140 * Mm), font, XBrushes.Black, new XRect(left, y, 140 * Mm, 12), XStringFormats.TopLeft);
                gfx.DrawString(string.Format(CultureInfo.InvariantCulture, pageOf, pageNumber, total), font, XBrushes.Black,
                    new XRect(left, y, 180 * Mm, 12), XStringFormats.TopRight);
                y += 8 * Mm;
                Row(gfx, y, headers, headFont);
                y += rowHeight;
                foreach (var (person, index) in day.People.Select((r, i) => (r, i)).Skip(p * RowsPerPage).Take(RowsPerPage))
                {
                    Row(gfx, y, [(index + 1).ToString(CultureInfo.InvariantCulture), person.Name, person.Organisation ?? "", Time(person.CheckedInAtUtc), Time(person.CheckedOutAtUtc), ""], font);
                    y += rowHeight;
                }
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

    private static string Time(DateTime? utc) => utc is { } t ? Platform.Time.BerlinTime.ToBerlin(t).ToString("HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>The text, shortened with "…" until it fits the width.</summary>
    private static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        var end = text.Length;
        if (gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        while (end > 1 && gfx.MeasureString(text[..end] + "…", font).Width > width)
        {
            end--;
        }

        return text[..end].TrimEnd() + "…";
    }
}
