using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>What the registration questions partial needs: the questions, what was posted, and the errors.</summary>
internal sealed record RegistrationQuestionsView(IReadOnlyList<EventQuestion> Questions, RegistrationForm.Input? Posted, ModelStateDictionary State);

/// <summary>
/// People without an account register for public events with name and e-mail address. The form only stores a request
/// and mails a confirmation link (48 hours, single use, stored as SHA-256) and a cancel link; the seat (or the waiting-list
/// place) is taken when the link is confirmed, through <see cref="RegisterForEvent.RegisterGuestAsync"/>.
/// </summary>
internal sealed class GuestRegistration(QuartiersnetzDbContext db, EmailOutbox outbox, PublicUrls urls, TimeProvider clock, IStringLocalizer<Texts> l)
{
    internal enum Result
    {
        Sent,
        NotFound,
        Refused,
    }

    internal sealed record Outcome(Result Result, IReadOnlyList<Refusal> Errors)
    {
        public static Outcome Refuse(string field, string message, params object[] args) => new(Result.Refused, [new Refusal(field, message, args)]);
    }

    /// <summary>The event page's view of a guest link: the event, and whether the link can still be used.</summary>
    internal sealed record LinkState(Guid RequestId, Guid EventId, string EventTitle, DateTime StartUtc, bool Confirmed, bool Usable, Guid? RegistrationId);

    public const string ConfirmPath = "/veranstaltungen/gast/bestaetigen/";
    public const string CancelPath = "/veranstaltungen/gast/abmelden/";
    public const string OfferPath = "/veranstaltungen/gast/platzangebot/";

    public Task<Outcome> RequestAsync(Guid eventId, string? name, string? email, RegistrationForm.Input answers, CancellationToken cancellationToken) =>
        RequestAsync(eventId, name, email, answers, companions: null, cancellationToken);

    /// <param name="companions">The "Anzahl Begleitpersonen" field as posted (empty: none); checked against the event's maximum.</param>
    public async Task<Outcome> RequestAsync(
        Guid eventId, string? name, string? email, RegistrationForm.Input answers, string? companions, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId)
            .Select(e => new { e.Title, e.Audience, e.Status, e.StartUtc, e.EndUtc, e.RegistrationOpensUtc, e.RegistrationClosesUtc, e.CancellationDeadlineUtc, e.CompanionsAllowed })
            .SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return new Outcome(Result.NotFound, []);
        }

        if (ev.Audience != EventAudience.Public)
        {
            return Outcome.Refuse("", "Als Gast ohne Konto können Sie sich nur für öffentliche Veranstaltungen anmelden.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (ev.Status == EventStatus.Cancelled)
        {
            return Outcome.Refuse("", "Die Veranstaltung wurde abgesagt; eine Anmeldung ist nicht möglich.");
        }

        if (ev.RegistrationOpensUtc is { } opens && now < opens)
        {
            return Outcome.Refuse("", "Die Anmeldung beginnt am {0}.", BerlinTime.FormatDateTime(opens));
        }

        if (now >= (ev.RegistrationClosesUtc ?? ev.StartUtc))
        {
            return Outcome.Refuse("", "Die Anmeldung ist seit {0} geschlossen.", BerlinTime.FormatDateTime(ev.RegistrationClosesUtc ?? ev.StartUtc));
        }

        var errors = new List<Refusal>();
        var trimmedName = name?.Trim() ?? "";
        if (trimmedName.Length == 0)
        {
            errors.Add(new Refusal("Input.Name", "Bitte geben Sie Ihren Namen ein."));
        }
        else if (trimmedName.Length > EventGuestRequest.NameMaxLength)
        {
            errors.Add(new Refusal("Input.Name", "Der Name darf höchstens {0} Zeichen haben.", EventGuestRequest.NameMaxLength));
        }

        var address = EmailAddress.Normalize(email);
        if (!address.IsValid)
        {
            errors.Add(new Refusal("Input.Email", address.Error!));
        }

        var (companionCount, companionsError) = CompanionsField.Parse(companions, ev.CompanionsAllowed);
        if (companionsError is not null)
        {
            errors.Add(companionsError);
        }

        var questions = await RegistrationForm.QuestionsAsync(db, eventId, cancellationToken);
        var (form, formErrors) = RegistrationForm.Check(questions, answers);
        errors.AddRange(formErrors);
        if (errors.Count > 0)
        {
            return new Outcome(Result.Refused, errors);
        }

        var key = EmailAddress.Key(address.Address!);
        var existing = await db.Set<EventGuestRequest>().SingleOrDefaultAsync(g => g.EventId == eventId && g.NormalizedEmail == key, cancellationToken);
        if (existing is not null && await IsActiveAsync(existing, now, cancellationToken))
        {
            return Outcome.Refuse("Input.Email",
                "Mit dieser E-Mail-Adresse ist bereits eine Gast-Anmeldung für diese Veranstaltung eingegangen. Bitte nutzen Sie den Link aus unserer E-Mail.");
        }

        // An expired, withdrawn or cancelled earlier request of the same address is replaced: its links die with it.
        var request = existing ?? new EventGuestRequest { EventId = eventId, NormalizedEmail = key };
        var confirmToken = NewToken();
        var cancelToken = NewToken();
        request.Name = trimmedName;
        request.Email = address.Address;
        request.ConfirmTokenHash = HashOf(confirmToken);
        request.CancelTokenHash = HashOf(cancelToken);
        request.CreatedAtUtc = now;
        request.ExpiresAtUtc = now + EventGuestRequest.LinkValidity;
        request.ConfirmedAtUtc = null;
        request.WithdrawnAtUtc = null;
        request.RegistrationId = null;
        request.FormJson = JsonSerializer.Serialize(form);
        request.Companions = companionCount;
        request.OfferTokenHash = null;
        if (existing is null)
        {
            db.Add(request);
        }

        outbox.Enqueue(new EmailMessage(address.Address!, trimmedName, l["Bitte bestätigen Sie Ihre Anmeldung: {0}", ev.Title], string.Join("\n", [
            l["Guten Tag {0},", trimmedName].Value,
            "",
            l["Sie möchten an der Veranstaltung „{0}“ am {1} teilnehmen. Bitte bestätigen Sie Ihre Anmeldung bis {2} über diesen Link:", ev.Title, BerlinTime.FormatDateTime(ev.StartUtc), BerlinTime.FormatDateTime(request.ExpiresAtUtc)].Value,
            urls.Absolute(ConfirmPath + confirmToken),
            "",
            l["Erst mit der Bestätigung ist Ihr Platz reserviert (oder Ihr Platz auf der Warteliste, wenn die Veranstaltung ausgebucht ist)."].Value,
            "",
            l["Wenn Sie nicht teilnehmen möchten oder sich wieder abmelden wollen, nutzen Sie diesen Link:"].Value,
            urls.Absolute(CancelPath + cancelToken),
            "",
            l["Wenn Sie sich nicht angemeldet haben, können Sie diese E-Mail ignorieren; ohne Bestätigung wird nichts reserviert."].Value,
            "",
            l["Ihre Geschäftsstelle der AG Soziale Stadt NRW"].Value,
        ])));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!Overload.IsOverload(ex))
        {
            // Two requests with the same address at once: the unique index lets one win.
            db.ChangeTracker.Clear();
            return Outcome.Refuse("Input.Email",
                "Mit dieser E-Mail-Adresse ist bereits eine Gast-Anmeldung für diese Veranstaltung eingegangen. Bitte nutzen Sie den Link aus unserer E-Mail.");
        }

        return new Outcome(Result.Sent, []);
    }

    /// <summary>The request a link belongs to, or null for an unknown link.</summary>
    public async Task<LinkState?> FindAsync(string token, bool cancelLink, CancellationToken cancellationToken)
    {
        var hash = HashOf(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var requests = db.Set<EventGuestRequest>().AsNoTracking();
        requests = cancelLink ? requests.Where(g => g.CancelTokenHash == hash) : requests.Where(g => g.ConfirmTokenHash == hash);
        var row = await requests
            .Join(db.Set<Event>(), g => g.EventId, e => e.Id, (g, e) => new { g.Id, g.EventId, e.Title, e.StartUtc, g.ConfirmedAtUtc, g.WithdrawnAtUtc, g.ExpiresAtUtc, g.RegistrationId, g.FormJson })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var confirmed = row.ConfirmedAtUtc is not null;
        var usable = cancelLink
            ? row.WithdrawnAtUtc is null && (!confirmed || await db.Set<EventRegistration>().AnyAsync(r => r.Id == row.RegistrationId && r.Status != RegistrationStatus.Cancelled, cancellationToken))
            : !confirmed && row.WithdrawnAtUtc is null && now < row.ExpiresAtUtc && row.FormJson is not null;
        return new LinkState(row.Id, row.EventId, row.Title, row.StartUtc, confirmed, usable, row.RegistrationId);
    }

    /// <summary>Confirms by the link: takes a seat or a waiting-list place.</summary>
    public async Task<RegisterForEvent.Outcome> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        var link = await FindAsync(token, cancelLink: false, cancellationToken);
        if (link is null)
        {
            return new RegisterForEvent.Outcome(RegisterForEvent.Result.NotFound);
        }

        if (!link.Usable)
        {
            return RegisterForEvent.Outcome.Refuse("", "Dieser Bestätigungslink ist abgelaufen oder wurde bereits verwendet.");
        }

        return await RegisterForEvent.RegisterGuestAsync(db, clock, link.RequestId, cancellationToken);
    }

    /// <summary>Withdraws an unconfirmed request, or cancels the confirmed registration (until the cancellation deadline).</summary>
    public async Task<RegisterForEvent.Outcome> CancelAsync(string token, CancellationToken cancellationToken)
    {
        var link = await FindAsync(token, cancelLink: true, cancellationToken);
        if (link is null)
        {
            return new RegisterForEvent.Outcome(RegisterForEvent.Result.NotFound);
        }

        if (!link.Usable)
        {
            return RegisterForEvent.Outcome.Refuse("", "Diese Anmeldung wurde bereits zurückgezogen.");
        }

        if (link.Confirmed)
        {
            return await RegisterForEvent.CancelGuestAsync(db, clock, link.EventId, link.RegistrationId!.Value, cancellationToken);
        }

        // Not confirmed yet: nothing was reserved; the request and its answers go.
        var now = clock.GetUtcNow().UtcDateTime;
        var withdrawn = await db.Set<EventGuestRequest>()
            .Where(g => g.Id == link.RequestId && g.ConfirmedAtUtc == null && g.WithdrawnAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.WithdrawnAtUtc, now).SetProperty(g => g.FormJson, (string?)null), cancellationToken);
        return withdrawn == 0
            ? RegisterForEvent.Outcome.Refuse("", "Diese Anmeldung wurde bereits zurückgezogen.")
            : new RegisterForEvent.Outcome(RegisterForEvent.Result.Done);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether an earlier request of the same address still counts: waiting for its link, or registered and not cancelled.</summary>
    private async Task<bool> IsActiveAsync(EventGuestRequest request, DateTime now, CancellationToken cancellationToken)
    {
        if (request.WithdrawnAtUtc is not null)
        {
            return false;
        }

        if (request.ConfirmedAtUtc is null)
        {
            return now < request.ExpiresAtUtc;
        }

        return await db.Set<EventRegistration>().AnyAsync(r => r.Id == request.RegistrationId && r.Status != RegistrationStatus.Cancelled, cancellationToken);
    }
}
