using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;
using QRCoder;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Certificates;

/// <summary>A line of the overview PDF: one certificate of the year.</summary>
internal sealed record OverviewLine(DateOnly Day, string Title, string? Reference, string Code, decimal Points);

/// <summary>
/// The certificate and the yearly overview as tagged PDFs (PDFsharp's UA structure: headings, paragraphs, the QR
/// code as a figure with alternative text, the page furniture as artifacts) in the events' embedded DejaVu font, so
/// umlauts come out right in every viewer and in pdftotext. Every text goes through the caller's localizer (German
/// source texts, like the pages).
/// </summary>
internal static class CertificatePdf
{
    private const double Mm = 72 / 25.4;
    private const double Left = 25 * Mm;
    private const double Width = 160 * Mm;

    public static byte[] Render(Certificate c, IStringLocalizer l, string verifyUrl, string? replacedNote)
    {
        string provider = l["AG Soziale Stadt NRW"];
        EmbeddedFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = l["Teilnahmebescheinigung: {0}", c.EventTitle];
        document.Info.Author = provider;
        document.ViewerPreferences.DisplayDocTitle = true;
        var ua = UAManager.ForDocument(document);
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using var gfx = XGraphics.FromPdfPage(page);
        var pen = new Writer(gfx, ua.StructureBuilder);
        var y = 20 * Mm;

        y = pen.Paragraph(provider, Font(11, bold: true), y);
        y = pen.Heading(l["Teilnahmebescheinigung"], Font(22, bold: true), y + 6 * Mm);
        if (replacedNote is not null)
        {
            y = pen.Paragraph(replacedNote, Font(11, bold: true), y + 2 * Mm, XBrushes.DarkRed);
        }

        y = pen.Paragraph(l["Hiermit bestätigen wir, dass"], Font(11), y + 6 * Mm);
        y = pen.Paragraph(c.ParticipantName, Font(16, bold: true), y + 2 * Mm);
        y = pen.Paragraph(l["an der folgenden Veranstaltung teilgenommen hat:"], Font(11), y + 2 * Mm);
        y = pen.Paragraph(c.EventTitle, Font(14, bold: true), y + 2 * Mm);
        y += 4 * Mm;

        var fields = new List<(string Label, string Value)>
        {
            (l["Datum"], c.Dates),
            (l["Ort"], c.Place.Length > 0 ? c.Place : "–"),
            (l["Format"], l[ContinuingEducationPoints.Label(c.Format)]),
        };
        if (c.Topics.Length > 0)
        {
            fields.Add((l["Themen"], c.Topics));
        }

        if (!string.IsNullOrWhiteSpace(c.FuwoTopic))
        {
            fields.Add((l["FuWO-Themenbereich"], c.FuwoTopic));
        }

        fields.Add((l["Anwesenheit"], l["{0} (netto, ohne Pausen)", CertificateDrafts.FormatMinutes(c.AttendedMinutes)]));
        fields.Add((l["Fortbildungspunkte"], l["{0} (1 Punkt je 45 Minuten)", CertificateDrafts.FormatPoints(c.Points)]));
        foreach (var (label, value) in fields)
        {
            y = pen.Field(label, value, y);
        }

        y = pen.Paragraph(RecognitionNote(c, l), Font(10), y + 4 * Mm);
        if (c.PointsOverridden)
        {
            y = pen.Paragraph(l["Die Punkte hat die Geschäftsstelle festgesetzt. Begründung: {0}", c.OverrideReason ?? ""], Font(10), y + 2 * Mm);
        }

        // Signature block.
        y = Math.Max(y + 18 * Mm, 200 * Mm);
        pen.Artifact(() => gfx.DrawLine(new XPen(XColors.Black, 0.6), Left, y, Left + 70 * Mm, y));
        y = pen.Paragraph(l["Ausgestellt am {0} · Geschäftsstelle der {1}", BerlinTime.FormatDate(c.IssuedAtUtc), provider], Font(9), y + 1.5 * Mm);

        // Verification: QR code and the short address.
        var qrTop = 240 * Mm;
        using (var generator = new QRCodeGenerator())
        using (var data = generator.CreateQrCode(verifyUrl, QRCodeGenerator.ECCLevel.M))
        {
            // Drawn as vector squares: sharp at any zoom, and PDFsharp's core build reads no PNG.
            var rect = new XRect(Left, qrTop, 32 * Mm, 32 * Mm);
            var modules = data.ModuleMatrix;
            var size = rect.Width / modules.Count;
            ua.StructureBuilder.BeginElement(PdfIllustrationElementTag.Figure, l["QR-Code der Prüfadresse {0}", verifyUrl], rect);
            for (var row = 0; row < modules.Count; row++)
            {
                for (var column = 0; column < modules[row].Count; column++)
                {
                    if (modules[row][column])
                    {
                        gfx.DrawRectangle(XBrushes.Black, rect.X + column * size, rect.Y + row * size, size + 0.05, size + 0.05);
                    }
                }
            }

            ua.StructureBuilder.End();
        }

        var textLeft = Left + 36 * Mm;
        var ty = pen.Paragraph(l["Echtheit prüfen:"], Font(9, bold: true), qrTop + 2 * Mm, left: textLeft);
        ty = pen.Paragraph(verifyUrl, Font(9), ty + 1 * Mm, left: textLeft);
        pen.Paragraph(l["Bescheinigungsnummer: {0}", Certificate.Display(c.Code)], Font(9), ty + 2 * Mm, left: textLeft);

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>The yearly overview for the chamber: every valid certificate of the year, the total and the target.</summary>
    public static byte[] RenderOverview(IStringLocalizer l, string personName, int year, IReadOnlyList<OverviewLine> lines, decimal target)
    {
        string provider = l["AG Soziale Stadt NRW"];
        var yearText = year.ToString(CultureInfo.InvariantCulture);
        EmbeddedFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = l["Fortbildungspunkte {0}: {1}", yearText, personName];
        document.Info.Author = provider;
        document.ViewerPreferences.DisplayDocTitle = true;
        var ua = UAManager.ForDocument(document);
        const int perPage = 24;
        var pages = Math.Max(1, (lines.Count + perPage - 1) / perPage);
        for (var p = 0; p < pages; p++)
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            var pen = new Writer(gfx, ua.StructureBuilder);
            var y = 20 * Mm;
            if (p == 0)
            {
                y = pen.Paragraph(provider, Font(11, bold: true), y);
                y = pen.Heading(l["Fortbildungsnachweis {0}", yearText], Font(20, bold: true), y + 5 * Mm);
                y = pen.Field(l["Name"], personName, y + 4 * Mm);
                var total = lines.Sum(line => line.Points);
                y = pen.Field(l["Punkte gesamt"], CertificateDrafts.FormatPoints(total), y);
                y = pen.Field(l["Jahresziel"], l["{0} Punkte (Architektenkammer NRW)", CertificateDrafts.FormatPoints(target)], y);
                y = pen.Field(l["Noch offen"], CertificateDrafts.FormatPoints(Math.Max(0, target - total)), y);
                y += 4 * Mm;
            }

            foreach (var line in lines.Skip(p * perPage).Take(perPage))
            {
                var text = l["{0} · {1} · {2} Punkte · Nr. {3}",
                    line.Day.ToString("dd.MM.yyyy", BerlinTime.Culture), line.Title, CertificateDrafts.FormatPoints(line.Points), Certificate.Display(line.Code)].Value;
                if (line.Reference is not null)
                {
                    text += l[" · Anerkennung {0}", line.Reference];
                }

                y = pen.Paragraph(text, Font(9), y + 1.5 * Mm);
            }

            if (lines.Count == 0)
            {
                pen.Paragraph(l["In diesem Jahr liegen keine Teilnahmebescheinigungen vor."], Font(10), y);
            }

            string footer = l["Seite {0} von {1}", (p + 1).ToString(CultureInfo.InvariantCulture), pages.ToString(CultureInfo.InvariantCulture)];
            pen.Artifact(() => gfx.DrawString(footer, Font(8), XBrushes.Gray, new XRect(Left, 285 * Mm, Width, 10), XStringFormats.TopRight));
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>What the recognition means for this certificate, in one sentence.</summary>
    public static string RecognitionNote(Certificate c, IStringLocalizer l) => c.Recognition switch
    {
        RecognitionStatus.Anerkannt when c.RecognisedOn is { } on && on <= c.EventDay =>
            l["Die Veranstaltung ist von der Architektenkammer NRW als Fortbildung anerkannt (Anerkennungsnummer {0}, anerkannt am {1}).",
                c.ChamberReference ?? "", on.ToString("dd.MM.yyyy", BerlinTime.Culture)],
        RecognitionStatus.Anerkannt =>
            l["Die Anerkennung durch die Architektenkammer NRW (Anerkennungsnummer {0}) lag zu Beginn der Veranstaltung noch nicht vor.", c.ChamberReference ?? ""],
        RecognitionStatus.Beantragt => l["Die Anerkennung durch die Architektenkammer NRW war beantragt, lag zu Beginn der Veranstaltung aber nicht vor."],
        RecognitionStatus.Abgelehnt => l["Die Architektenkammer NRW hat die Anerkennung als Fortbildung abgelehnt."],
        _ => l["Für diese Veranstaltung wurde keine Anerkennung durch die Architektenkammer NRW beantragt."],
    };

    private static XFont Font(double size, bool bold = false) =>
        new(EmbeddedFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    /// <summary>Draws wrapped text blocks into the structure tree, one element per block.</summary>
    private sealed class Writer(XGraphics gfx, StructureBuilder structure)
    {
        private readonly XTextFormatter _formatter = new(gfx);

        public double Heading(string text, XFont font, double y) => Block(PdfBlockLevelElementTag.Heading1, text, font, y, Left, XBrushes.Black);

        public double Paragraph(string text, XFont font, double y, XBrush? brush = null, double left = Left) =>
            Block(PdfBlockLevelElementTag.Paragraph, text, font, y, left, brush ?? XBrushes.Black);

        /// <summary>"Label: value" with the label in bold on the left and the value wrapped beside it.</summary>
        public double Field(string label, string value, double y)
        {
            var labelFont = Font(10, bold: true);
            var valueFont = Font(10);
            var labelWidth = 45 * Mm;
            var height = Height(value, valueFont, Width - labelWidth);
            structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
            gfx.DrawString(label + ":", labelFont, XBrushes.Black, new XRect(Left, y, labelWidth, height), XStringFormats.TopLeft);
            _formatter.DrawString(value, valueFont, XBrushes.Black, new XRect(Left + labelWidth, y, Width - labelWidth, height), XStringFormats.TopLeft);
            structure.End();
            return y + height + 1.5 * Mm;
        }

        public void Artifact(Action draw)
        {
            structure.BeginArtifact();
            draw();
            structure.End();
        }

        private double Block(PdfBlockLevelElementTag tag, string text, XFont font, double y, double left, XBrush brush)
        {
            var width = Left + Width - left;
            var height = Height(text, font, width);
            structure.BeginElement(tag);
            _formatter.DrawString(text, font, brush, new XRect(left, y, width, height), XStringFormats.TopLeft);
            structure.End();
            return y + height;
        }

        /// <summary>The height the wrapped text needs: lines counted by measuring words, as the formatter breaks them.</summary>
        private double Height(string text, XFont font, double width)
        {
            var lines = 1;
            var current = 0.0;
            var space = gfx.MeasureString(" ", font).Width;
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = gfx.MeasureString(word, font).Width;
                if (current > 0 && current + space + w > width)
                {
                    lines++;
                    current = w;
                }
                else
                {
                    current += (current > 0 ? space : 0) + w;
                }
            }

            return lines * font.GetHeight() + 1;
        }
    }
}
