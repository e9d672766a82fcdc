using System.Diagnostics;
using Quartiersnetz.Features.Events;

namespace Quartiersnetz.UnitTests.Events;

/// <summary>The PDFs are built in memory; the time for 1,000 badges decides whether they need a background job.</summary>
public sealed class ParticipantPdfsTests
{
    [Fact]
    public void A_thousand_badges_and_their_attendance_list_are_built_in_well_under_the_request_budget()
    {
        var people = Enumerable.Range(1, 1000)
            .Select(i => new PdfParticipant($"Teilnehmerin Nummer {i} Müller-Lüdenscheidt", "Stadt Gelsenkirchen, Amt für Stadterneuerung", "Gelsenkirchen", i % 10 == 0 ? 1 : 0))
            .ToList();
        var ev = new PdfEvent("Netzwerktreffen Soziale Stadt NRW", new DateTime(2026, 5, 20, 8, 0, 0, DateTimeKind.Utc), "Rathaus");
        ParticipantPdfs.Badges(ev, people.Take(10).ToList(), "Begleitung von {0}", "Namensschilder"); // warm up (font loading)

        var watch = Stopwatch.StartNew();
        var badges = ParticipantPdfs.Badges(ev, people, "Begleitung von {0}", "Namensschilder");
        var badgeTime = watch.ElapsedMilliseconds;
        watch.Restart();
        var list = ParticipantPdfs.AttendanceList(ev, people, ["Nr.", "Name", "Organisation", "Kommune", "Unterschrift"], "Begleitung von {0}", "Anwesenheitsliste", "Seite {0} von {1}");
        var listTime = watch.ElapsedMilliseconds;
        TestContext.Current.TestOutputHelper?.WriteLine($"1,100 badges: {badgeTime} ms, {badges.Length} bytes; attendance list: {listTime} ms, {list.Length} bytes.");

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(badges, 0, 5), StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(list, 0, 5), StringComparison.Ordinal);
        // Measured about 1 s for 1,100 badges on the 2-core CI machine; the ceiling leaves room for a loaded machine.
        Assert.True(badgeTime < 10000, $"{badgeTime} ms for 1,100 badges");
    }
}
