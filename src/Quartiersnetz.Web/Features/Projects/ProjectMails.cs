using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Projects;

/// <summary>
/// Tells the proposer what became of their proposal: published (with the link) or returned (with the office's note).
/// Queued in the caller's DbContext, so the mail goes out exactly when the decision is stored.
/// </summary>
internal sealed class ProjectMails(QuartiersnetzDbContext db, EmailOutbox outbox, PublicUrls urls, IStringLocalizer<Texts> l)
{
    public async Task PublishedAsync(Guid? proposerId, string title, string slug, CancellationToken cancellationToken)
    {
        if (await ProposerAsync(proposerId, cancellationToken) is not { } to)
        {
            return;
        }

        outbox.Enqueue(new EmailMessage(to.Email!, to.DisplayName, l["Ihr Praxisprojekt ist veröffentlicht"], string.Join("\n", [
            l["Guten Tag {0},", to.DisplayName].Value,
            "",
            l["die Geschäftsstelle der AG Soziale Stadt NRW hat Ihr Praxisprojekt „{0}“ geprüft und veröffentlicht. Es steht jetzt in der Praxisdatenbank:", title].Value,
            "",
            urls.Absolute("/praxisprojekte/" + slug),
            "",
            l["Vielen Dank, dass Sie Ihre Erfahrungen mit dem Netzwerk teilen."].Value,
            "",
            l["Ihre Geschäftsstelle der AG Soziale Stadt NRW"].Value,
        ])));
    }

    public async Task ReturnedAsync(Guid? proposerId, Guid projectId, string title, string note, CancellationToken cancellationToken)
    {
        if (await ProposerAsync(proposerId, cancellationToken) is not { } to)
        {
            return;
        }

        outbox.Enqueue(new EmailMessage(to.Email!, to.DisplayName, l["Ihr Projektvorschlag: bitte überarbeiten"], string.Join("\n", [
            l["Guten Tag {0},", to.DisplayName].Value,
            "",
            l["die Geschäftsstelle der AG Soziale Stadt NRW hat Ihren Vorschlag „{0}“ für die Praxisdatenbank gelesen und bittet Sie, ihn zu überarbeiten. Sie schreibt dazu:", title].Value,
            "",
            note,
            "",
            l["Hier können Sie den Vorschlag ändern und erneut einreichen:"].Value,
            urls.Absolute($"/praxisprojekte/{projectId}/bearbeiten"),
            "",
            l["Ihre Geschäftsstelle der AG Soziale Stadt NRW"].Value,
        ])));
    }

    private async Task<UserAccount?> ProposerAsync(Guid? proposerId, CancellationToken cancellationToken) =>
        proposerId is { } id
            ? await db.Set<UserAccount>().AsNoTracking().Where(u => u.Id == id && u.Email != null).SingleOrDefaultAsync(cancellationToken)
            : null;
}
