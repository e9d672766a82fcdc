using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Demo;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.News;

/// <summary>
/// One sample news article, so the home page's "Aktuelles" block, the news list and an article page have something to
/// show when trying the portal out (and for the documented Lighthouse run). Marked "(Beispiel)" in the title; it goes
/// through the office's save, so it is indexed and in the feeds like any article. Found again by its address, so a
/// restart adds nothing; an article the office has since deleted is created again.
/// </summary>
internal sealed class DemoNews(QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, TimeProvider clock, ILogger<DemoNews> logger) : IDemoDataContributor
{
    public const string Slug = "beispiel-netzwerktreffen-im-quartier";

    public async Task ContributeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await db.Set<NewsArticle>().AnyAsync(a => a.Slug == Slug, cancellationToken))
        {
            return;
        }

        var input = new SaveNewsArticle.Input
        {
            Title = "Netzwerktreffen im Quartier: Verfügungsfonds in der Praxis (Beispiel)",
            Slug = Slug,
            Teaser = "Beispielmeldung zum Ausprobieren des Portals: Wie Kommunen ihren Verfügungsfonds einsetzen und was sie dabei voneinander lernen.",
            Body = """
                Diese Meldung ist ein **Beispiel**; Ort, Datum und Inhalte sind erfunden.

                Beim Netzwerktreffen berichteten drei Quartiersmanagements, wie sie den Verfügungsfonds mit Bewohnerinnen
                und Bewohnern vergeben: mit einer kleinen Jury aus dem Stadtteil, einem einseitigen Antrag und einer
                Entscheidung innerhalb von vier Wochen.

                ## Was sich bewährt hat

                - Beratung vor dem Antrag, am besten im Stadtteilbüro
                - kurze Wege bei kleinen Beträgen
                - Ergebnisse sichtbar machen, etwa mit einem Fest am Ende des Jahres

                Die Unterlagen des Treffens stehen Mitgliedern in der Bibliothek zur Verfügung.
                """,
            Visibility = NewsVisibility.Public,
            PublishNow = true,
            Topics = ["verfuegungsfonds"],
        };
        var outcome = await SaveNewsArticle.CreateAsync(db, files, audit, AuditActor.System, null, "Geschäftsstelle", clock, input, cancellationToken);
        if (!outcome.Succeeded && input.Topics.Count > 0)
        {
            // A topic the office has since renamed or retired must not keep the sample from being created.
            db.ChangeTracker.Clear();
            input.Topics = [];
            outcome = await SaveNewsArticle.CreateAsync(db, files, audit, AuditActor.System, null, "Geschäftsstelle", clock, input, cancellationToken);
        }

        if (!outcome.Succeeded)
        {
            logger.LogWarning("Demo news article not created: {Errors}", string.Join("; ", outcome.Refusals.Select(r => r.Message)));
            db.ChangeTracker.Clear();
        }
    }
}
