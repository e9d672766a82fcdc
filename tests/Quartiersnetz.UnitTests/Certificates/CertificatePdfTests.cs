using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Certificates;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.UnitTests.Certificates;

/// <summary>The certificate and overview PDFs draw for short and very long texts and carry the tagged structure.</summary>
public sealed class CertificatePdfTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(400)]
    public void A_certificate_draws_as_a_tagged_pdf_whatever_the_length_of_its_texts(int titleLength)
    {
        var certificate = new Certificate
        {
            Code = Certificate.NewCode(), ParticipantName = "Jürgen Weißmüller", EventTitle = new string('ä', titleLength), Topics = "Leerstand, Verfügungsfonds",
            Dates = "Mittwoch, 18. November 2026, 10:00 bis 13:00 Uhr", Place = "Rathaus, Marktplatz 1, 44135 Dortmund", EventDay = new DateOnly(2026, 11, 18),
            AttendedMinutes = 180, Points = 4m, Recognition = RecognitionStatus.Anerkannt, ChamberReference = "AKNW-1", RecognisedOn = new DateOnly(2026, 10, 1),
            IssuedAtUtc = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), PointsOverridden = true, OverrideReason = "Korrektur",
        };
        var pdf = CertificatePdf.Render(certificate, new SourceTexts(), "https://example.test/b/ABCD-EFGH-JKMN-PQRS", "Ersetzt");
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        Assert.Contains("/StructTreeRoot", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_text_of_the_certificate_and_the_overview_comes_through_the_localizer()
    {
        var certificate = new Certificate
        {
            Code = Certificate.NewCode(), ParticipantName = "Jürgen Weißmüller", EventTitle = "Fachtag Leerstand", Topics = "Leerstand",
            Dates = "18.11.2026", Place = "Rathaus Dortmund", EventDay = new DateOnly(2026, 11, 18), AttendedMinutes = 180, Points = 4m,
            Recognition = RecognitionStatus.Beantragt, IssuedAtUtc = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc),
        };
        var marked = new MarkedTexts();

        var text = DocumentText.Extract(CertificatePdf.Render(certificate, marked, "https://example.test/b/ABCD", null), "pdf")!;
        var overview = DocumentText.Extract(CertificatePdf.RenderOverview(
            marked, "Greta Jahreskonto", 2026, [new OverviewLine(new DateOnly(2026, 3, 1), "Fachtag", "AKNW-1", Certificate.NewCode(), 2.5m)], 16m), "pdf")!;

        // Each fixed text of the page is the localizer's answer; the data (names, titles, dates) is printed as it is.
        foreach (var source in new[] { "Teilnahmebescheinigung", "Hiermit bestätigen wir, dass", "Datum", "Ort", "Anwesenheit", "Fortbildungspunkte", "Echtheit prüfen:", "AG Soziale Stadt NRW" })
        {
            Assert.Contains("«" + source + "»", text, StringComparison.Ordinal);
        }

        Assert.Contains("«Die Anerkennung durch die Architektenkammer NRW war beantragt", text, StringComparison.Ordinal);
        Assert.Contains("Jürgen Weißmüller", text, StringComparison.Ordinal);
        foreach (var source in new[] { "Name", "Punkte gesamt", "Jahresziel", "Noch offen" })
        {
            Assert.Contains("«" + source + "»", overview, StringComparison.Ordinal);
        }

        Assert.Contains("«Seite 1 von 1»", overview, StringComparison.Ordinal);
    }

    /// <summary>A localizer that marks its answers, so a test sees which texts went through it.</summary>
    private sealed class MarkedTexts : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, "«" + name + "»");

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, "«" + string.Format(CultureInfo.InvariantCulture, name, arguments) + "»");

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void The_yearly_overview_draws_for_no_and_for_many_certificates(int count)
    {
        var lines = Enumerable.Range(0, count).Select(i => new OverviewLine(new DateOnly(2026, 1, 1).AddDays(i), "Fachtag Grünflächen " + i, "AKNW-" + i, Certificate.NewCode(), 2.5m)).ToList();
        var pdf = CertificatePdf.RenderOverview(new SourceTexts(), "Greta Jahreskonto", 2026, lines, 16m);
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4", 4)]
    [InlineData("4,5", 4.5)]
    [InlineData("0.25", 0.25)]
    [InlineData(" 100 ", 100)]
    public void Override_points_accept_quarter_steps_with_comma_or_point(string text, double expected) =>
        Assert.Equal((decimal)expected, ContinuingEducation.ParsePoints(text));

    [Theory]
    [InlineData("4,3")]
    [InlineData("-1")]
    [InlineData("100.25")]
    [InlineData("viel")]
    [InlineData("1e2")]
    [InlineData("")]
    public void Override_points_refuse_anything_else(string text) => Assert.Null(ContinuingEducation.ParsePoints(text));

    [Fact]
    public void Codes_are_read_back_with_or_without_hyphens_and_refuse_other_letters()
    {
        var code = Certificate.NewCode();
        Assert.Equal(code, Certificate.NormaliseCode(Certificate.Display(code).ToLowerInvariant()));
        Assert.Null(Certificate.NormaliseCode("ABCD-EFGH-IJKL-0000"));
        Assert.Null(Certificate.NormaliseCode(code[..15]));
    }
}
