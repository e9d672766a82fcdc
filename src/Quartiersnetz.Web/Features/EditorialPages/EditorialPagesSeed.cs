using Quartiersnetz.Data;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>
/// The first version of the network's own pages (Über uns and its sub-pages, Erstberatung, Leichte Sprache,
/// Gebärdensprache) and the changeable texts of the fixed pages (accessibility statement, imprint, privacy notice). Runs
/// in every installation, because a public body's website needs these pages from the first day; the office rewrites
/// them afterwards. The tree is seeded only while it has no page at all, and each fixed page's text only while it is
/// missing, so nothing the office changed, moved or deleted comes back.
/// </summary>
internal sealed class EditorialPagesSeed(QuartiersnetzDbContext db, TimeProvider clock) : IStartupSeed
{
    private const string Author = "System";
    private const string FirstNote = "Erstfassung";

    private sealed record Seed(string Slug, string Title, string Description, string Body, bool Navigation, IReadOnlyList<Seed>? Children = null);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Set<EditorialPage>().AsNoTracking().Select(p => p.SystemKey).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = false;
        foreach (var (key, title, text) in SystemPages.All.Where(s => !existing.Contains(s.Key)))
        {
            Add(new Seed(key, title, "", text, false), null, 0, key, now);
            added = true;
        }

        if (!existing.Any(key => key is null))
        {
            var order = 0;
            foreach (var seed in Tree)
            {
                Add(seed, null, order++, null, now);
            }

            added = true;
        }

        if (added)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private void Add(Seed seed, Guid? parentId, int order, string? systemKey, DateTime now)
    {
        var page = new EditorialPage
        {
            ParentId = parentId,
            Slug = seed.Slug,
            Title = seed.Title,
            Description = seed.Description.Length == 0 ? null : seed.Description,
            Body = seed.Body,
            SortOrder = order,
            ShowInNavigation = seed.Navigation,
            Published = true,
            SystemKey = systemKey,
            Revision = 1,
            CreatedUtc = now,
            UpdatedUtc = now,
            UpdatedBy = Author,
        };
        db.Add(page);
        db.Add(new EditorialPageRevision
        {
            PageId = page.Id, Number = 1, Title = page.Title, Description = page.Description, Body = page.Body,
            Author = Author, CreatedUtc = now, Note = FirstNote,
        });
        var childOrder = 0;
        foreach (var child in seed.Children ?? [])
        {
            Add(child, page.Id, childOrder++, null, now);
        }
    }

    private static readonly IReadOnlyList<Seed> Tree =
    [
        new("ueber-uns", "Über uns", "Die AG Soziale Stadt NRW verbindet die Kommunen in Nordrhein-Westfalen, die Stadtteile im Programm „Sozialer Zusammenhalt“ entwickeln.",
            EditorialTexts.AboutUs, true,
        [
            new("ziele-und-aufgaben", "Ziele und Aufgaben", "Wofür die AG Soziale Stadt NRW arbeitet und was sie ihren Mitgliedern bietet: Netzwerktreffen, Fortbildungen, Werkstätten, Veröffentlichungen und Erstberatung.",
                EditorialTexts.Goals, false),
            new("geschichte", "Geschichte und Auszeichnungen", "Tagungen, Wettbewerbe und Preise: wichtige Stationen der AG Soziale Stadt NRW seit 2005.",
                EditorialTexts.History, false),
            new("mitgliedschaft", "Mitgliedschaft", "Welche Kommunen Mitglied der AG Soziale Stadt NRW werden können, was die Mitgliedschaft bringt und wie sie beginnt.",
                EditorialTexts.Membership, false),
            new("kontakt", "Kontakt", "So erreichen Sie die Geschäftsstelle der AG Soziale Stadt NRW.",
                EditorialTexts.Contact, false),
        ]),
        new("erstberatung", "Erstberatung", "Kommunen, die einen Stadtteil in das Programm „Sozialer Zusammenhalt“ bringen wollen, können eine kostenlose Erstberatung anfragen.",
            EditorialTexts.FirstConsultation, false),
        new("leichte-sprache", "Leichte Sprache", "Informationen über die AG Soziale Stadt NRW und diese Website in Leichter Sprache.",
            EditorialTexts.EasyLanguage, true),
        new("gebaerdensprache", "Gebärdensprache", "Informationen in Deutscher Gebärdensprache: was es schon gibt, was folgt und wie Sie uns erreichen.",
            EditorialTexts.SignLanguage, true),
    ];
}
