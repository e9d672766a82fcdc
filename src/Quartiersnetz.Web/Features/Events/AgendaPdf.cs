using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Quartiersnetz.Features.Events;

/// <summary>The localised words of the agenda PDF.</summary>
internal sealed record AgendaPdfTexts(string Heading, string HiddenPerson, Func<AgendaItemType, string> TypeLabel, string Speakers);

/// <summary>
/// The printable agenda (A4): the event's title, time and place, then one block per item — time, title, type, speakers,
/// description as plain text — wrapped to the page width and continued on new pages. Uses the embedded DejaVu font like
/// the participant PDFs, so umlauts and names print the same on every machine.
/// </summary>
internal static class AgendaPdf
{
    private const double Mm = 72 / 25.4;
    private const double Left = 20 * Mm;
    private const double Width = 170 * Mm;
    private const double TimeWidth = 32 * Mm;
    private const double Bottom = 280 * Mm;

    public static byte[] Write(PdfEvent ev, string? when, IReadOnlyList<AgendaItemView> items, AgendaPdfTexts texts)
    {
        EmbeddedFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = texts.Heading + ": " + ev.Title;
        var titleFont = new XFont(EmbeddedFontResolver.Family, 16, XFontStyleEx.Bold);
        var headingFont = new XFont(EmbeddedFontResolver.Family, 12, XFontStyleEx.Bold);
        var itemFont = new XFont(EmbeddedFontResolver.Family, 10.5, XFontStyleEx.Bold);
        var font = new XFont(EmbeddedFontResolver.Family, 9.5, XFontStyleEx.Regular);
        var small = new XFont(EmbeddedFontResolver.Family, 9, XFontStyleEx.Regular);
        var withDay = EventAgenda.SpansDays(items);

        XGraphics gfx = null!;
        double y = 0;
        NewPage();
        try
        {
            Lines(ev.Title, titleFont, Left, Width, XBrushes.Black);
            if (when is not null)
            {
                Lines(when, font, Left, Width, XBrushes.Black);
            }

            y += 4 * Mm;
            Lines(texts.Heading, headingFont, Left, Width, XBrushes.Black);
            y += 2 * Mm;
            foreach (var item in items)
            {
                // Keep an item's head together: start it on a new page when less than ~3 lines remain.
                if (y > Bottom - 15 * Mm)
                {
                    NewPage();
                }

                var top = y;
                gfx.DrawString(EventAgenda.FormatTime(item, withDay), itemFont, XBrushes.Black, new XRect(Left, y, TimeWidth, 14), XStringFormats.TopLeft);
                var x = Left + TimeWidth;
                var width = Width - TimeWidth;
                Lines(item.Title, itemFont, x, width, XBrushes.Black);
                var type = texts.TypeLabel(item.Type) + (item.Topics.Count > 0 ? " · " + string.Join(", ", item.Topics.Select(t => t.Name)) : "");
                Lines(type, small, x, width, XBrushes.DimGray);
                if (item.Speakers.Count > 0)
                {
                    Lines(texts.Speakers + ": " + string.Join("; ", item.Speakers.Select(s => EventAgenda.SpeakerLine(s, texts.HiddenPerson))), font, x, width, XBrushes.Black);
                }

                if (item.Description.Length > 0)
                {
                    Lines(item.Description, small, x, width, XBrushes.Black);
                }

                y = Math.Max(y, top + 14) + 3 * Mm;
            }
        }
        finally
        {
            gfx.Dispose();
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();

        void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = 20 * Mm;
        }

        // Writes the text wrapped at word boundaries (a word wider than the line is cut), moving y and the page on.
        void Lines(string text, XFont lineFont, double x, double width, XBrush brush)
        {
            var height = lineFont.Size * 1.35;
            foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (line.Length > 0 && gfx.MeasureString(candidate, lineFont).Width > width)
                    {
                        Draw(line);
                        candidate = word;
                    }

                    while (gfx.MeasureString(candidate, lineFont).Width > width && candidate.Length > 1)
                    {
                        var cut = Math.Max(1, (int)(candidate.Length * width / gfx.MeasureString(candidate, lineFont).Width) - 1);
                        Draw(candidate[..cut]);
                        candidate = candidate[cut..];
                    }

                    line = candidate;
                }

                Draw(line);
            }

            void Draw(string content)
            {
                if (y + height > Bottom)
                {
                    NewPage();
                }

                gfx.DrawString(content, lineFont, brush, new XRect(x, y, width, height), XStringFormats.TopLeft);
                y += height;
            }
        }
    }
}
