using Quartiersnetz.Features.Events;

namespace Quartiersnetz.UnitTests.Events;

/// <summary>The PDFs are built in memory for a big event (their speed is a matter for bench/, not for a test).</summary>
public sealed class ParticipantPdfsTests
{
    [Fact]
    public void A_thousand_badges_and_their_attendance_list_are_pdfs_with_ten_badges_and_24_lines_a_page()
    {
        var people = Enumerable.Range(1, 1000)
            .Select(i => new PdfParticipant($"Teilnehmerin Nummer {i} Müller-Lüdenscheidt", "Stadt Gelsenkirchen, Amt für Stadterneuerung", "Gelsenkirchen", i % 10 == 0 ? 1 : 0))
            .ToList();
        var ev = new PdfEvent("Netzwerktreffen Soziale Stadt NRW", new DateTime(2026, 5, 20, 8, 0, 0, DateTimeKind.Utc), "Rathaus");
        var badges = ParticipantPdfs.Badges(ev, people, "Begleitung von {0}", "Namensschilder");
        var list = ParticipantPdfs.AttendanceList(ev, people, ["Nr.", "Name", "Organisation", "Kommune", "Unterschrift"], "Begleitung von {0}", "Anwesenheitsliste", "Seite {0} von {1}");

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(badges, 0, 5), StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(list, 0, 5), StringComparison.Ordinal);
        // 1,000 people and 100 companions: a badge and a line each.
        Assert.Equal(110, PageCount(badges));
        Assert.Equal(46, PageCount(list));
    }

    private static int PageCount(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b");
}
