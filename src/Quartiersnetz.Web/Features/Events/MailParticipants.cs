using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// The office writes to the participants the list's filter selects: subject and Markdown body, one mail per address
/// through the outbox, stored in one save with the audit entry. Without a status filter cancelled registrations are
/// left out (they asked to go); choosing "abgemeldet" explicitly reaches them. The first step only counts the
/// recipients, so the office confirms the number before anything is sent.
/// </summary>
internal sealed class MailParticipants(QuartiersnetzDbContext db, EmailOutbox outbox, AuditLog audit, MarkdownRenderer markdown, IStringLocalizer<Texts> l)
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 20000;

    internal sealed record Result(bool EventFound, Dictionary<string, string[]> Errors, int Recipients, bool Sent);

    public async Task<Result> HandleAsync(
        AuditActor actor, Guid eventId, ParticipantFilter filter, string? subject, string? body, bool confirmed, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId).Select(e => new { e.Title }).SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return new Result(false, [], 0, false);
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(subject))
        {
            errors["subject"] = [l["Bitte geben Sie einen Betreff ein."]];
        }
        else if (subject.Trim().Length > SubjectMaxLength)
        {
            errors["subject"] = [l["Der Betreff darf höchstens {0} Zeichen haben.", SubjectMaxLength]];
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            errors["body"] = [l["Bitte geben Sie den Text der E-Mail ein."]];
        }
        else if (body.Length > BodyMaxLength)
        {
            errors["body"] = [l["Der Text darf höchstens {0} Zeichen haben.", BodyMaxLength]];
        }

        var recipients = await RecipientsAsync(eventId, filter, cancellationToken);
        if (errors.Count == 0 && recipients.Count == 0)
        {
            errors["status"] = [l["Die Auswahl enthält niemanden mit E-Mail-Adresse; es wurde nichts gesendet."]];
        }

        if (errors.Count > 0 || !confirmed)
        {
            return new Result(true, errors, recipients.Count, false);
        }

        var text = body!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var html = markdown.ToHtml(text);
        var footer = l["Sie erhalten diese E-Mail, weil Sie für „{0}“ angemeldet sind.", ev.Title].Value;
        foreach (var recipient in recipients)
        {
            outbox.Enqueue(new EmailMessage(recipient.Email, recipient.Name, subject!.Trim(), text + "\n\n--\n" + footer,
                html + "<hr><p>" + System.Net.WebUtility.HtmlEncode(footer) + "</p>"));
        }

        audit.Record(actor, "event.participants.mailed", "Event", eventId.ToString(), ev.Title,
            [new AuditChange("Rundmail", null, $"„{subject!.Trim()}“ an {recipients.Count} Personen"), new AuditChange("Auswahl", null, Describe(filter))]);
        await db.SaveChangesAsync(cancellationToken);
        return new Result(true, errors, recipients.Count, true);
    }

    private async Task<List<(string Email, string? Name)>> RecipientsAsync(Guid eventId, ParticipantFilter filter, CancellationToken cancellationToken)
    {
        var list = await ParticipantList.AllAsync(db, eventId, filter, cancellationToken, forMail: true);
        // Guests' addresses live on their registration: one more query for all of them, so they get the mail too.
        var guestIds = list.Where(r => r.PersonId is null).Select(r => r.RegistrationId).ToList();
        var guests = guestIds.Count == 0
            ? []
            : await db.Set<EventRegistration>().AsNoTracking().Where(r => guestIds.Contains(r.Id) && r.GuestEmail != null)
                .Select(r => new { r.Id, r.GuestEmail, r.GuestName }).ToDictionaryAsync(r => r.Id, cancellationToken);
        var recipients = list
            .Select(r => r.PersonId is null
                ? guests.TryGetValue(r.RegistrationId, out var g) ? (Email: g.GuestEmail, Name: g.GuestName) : (Email: null, Name: null)
                : (Email: r.Email, Name: r.DisplayName))
            .Where(r => r.Email is not null);
        return [.. recipients.DistinctBy(r => r.Email!.ToUpperInvariant()).Select(r => (r.Email!, r.Name))];
    }

    private static string Describe(ParticipantFilter filter) =>
        string.Join(", ", new[]
        {
            filter.Status is { } s ? "Status " + EventLabels.Label(s) : "alle außer Abgemeldeten",
            ParticipantFilter.Clip(filter.Text) is { } t ? $"Suche „{t}“" : null,
        }.Where(p => p is not null));
}
