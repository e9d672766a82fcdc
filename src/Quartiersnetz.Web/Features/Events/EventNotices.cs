using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Hosting;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>Wakes this node's notice job after a change that may have made an offer; other nodes find it by polling.</summary>
internal sealed class EventNoticeSignal : WakeSignal;

/// <summary>
/// One pass of the offer work: expires offers whose time ran out (passing the seat on) and writes the mails that
/// registration changes left behind (<see cref="EventRegistration.PendingNotice"/>). The change and its notice are
/// committed together by the use case; the mail goes into the outbox here, in one save with clearing the notice, so
/// no mail is lost or written twice even when the use case ran without a request (the expiry job).
/// </summary>
internal sealed class EventNotices(
    QuartiersnetzDbContext db, EmailOutbox outbox, TimeProvider clock, IStringLocalizer<Texts> l, IConfiguration configuration, IServer server)
{
    private const int BatchSize = 200;

    public async Task<(int Expired, int Mailed)> RunAsync(CancellationToken cancellationToken)
    {
        var expired = await EventOffers.ExpireDueAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        db.ChangeTracker.Clear();
        var mailed = await WriteMailsAsync(cancellationToken);
        return (expired, mailed);
    }

    private async Task<int> WriteMailsAsync(CancellationToken cancellationToken)
    {
        var pending = await (
            from r in db.Set<EventRegistration>().AsNoTracking()
            where r.PendingNotice != null
            join e in db.Set<Event>() on r.EventId equals e.Id
            join u in db.Users on r.PersonId equals (Guid?)u.Id into people
            from u in people.DefaultIfEmpty()
            // An order for the batch, so that paging through the waiting notices is stable.
            orderby r.Id
            // A guest's address is on the registration itself (removed by the retention job after the event).
            select new
            {
                Registration = r, e.Title, e.StartUtc, Email = u == null ? r.GuestEmail : u.Email, Name = u == null ? r.GuestName : u.DisplayName,
            })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var written = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var item in pending)
        {
            var r = item.Registration;
            // Claimed with a conditional update: a second node (or pass) finds the notice gone and writes no second mail.
            var notice = r.PendingNotice;
            var claimed = await db.Set<EventRegistration>()
                .Where(x => x.Id == r.Id && x.PendingNotice == notice)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.PendingNotice, (RegistrationNotice?)null), cancellationToken);
            // Only a registration whose address is gone (a deleted account, a guest after the retention job) has none;
            // its notice is dropped rather than retried for ever.
            if (claimed == 0 || item.Email is null)
            {
                continue;
            }

            if (notice == RegistrationNotice.Offer && r.Status == RegistrationStatus.Offered)
            {
                var page = $"/veranstaltungen/{r.EventId}/platzangebot";
                if (r.PersonId is null)
                {
                    // A guest has no account to sign in with: a fresh secret link (only its hash is stored) answers this offer.
                    var token = GuestRegistration.NewToken();
                    var linked = await db.Set<EventGuestRequest>()
                        .Where(g => g.RegistrationId == r.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(g => g.OfferTokenHash, GuestRegistration.HashOf(token)), cancellationToken);
                    page = linked > 0 ? GuestRegistration.OfferPath + token : $"/veranstaltungen/{r.EventId}";
                }

                outbox.Enqueue(OfferMail(item.Email, item.Name, r, item.Title, item.StartUtc, page));
            }
            else
            {
                outbox.Enqueue(MovedMail(item.Email, item.Name, r, item.Title, item.StartUtc));
            }
            written++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private EmailMessage OfferMail(string email, string? name, EventRegistration r, string title, DateTime startUtc, string path)
    {
        var until = BerlinTime.FormatDateTime(r.OfferExpiresUtc!.Value);
        var page = Link(path);
        var text = string.Join("\n", [
            l["Guten Tag {0},", name ?? ""].Value,
            "",
            l["Ein Platz ist frei geworden — bitte bis {0} bestätigen.", until].Value,
            l["Veranstaltung: {0} am {1}", title, BerlinTime.FormatDateTime(startUtc)].Value,
            r.Companions > 0 ? l[EventLabels.SeatWithCompanions(r.Companions), r.Companions].Value : "",
            "",
            l["Platz annehmen:"].Value,
            page + "?antwort=annehmen",
            "",
            l["Platz ablehnen (er geht dann an die nächste Person auf der Warteliste):"].Value,
            page + "?antwort=ablehnen",
            "",
            l["Ohne Antwort bis {0} verfällt das Angebot und der Platz geht an die nächste Person auf der Warteliste.", until].Value,
            "",
            l["Ihre Geschäftsstelle von Quartiersnetz"].Value,
        ]);
        return new EmailMessage(email, name, l["Ein Platz ist frei geworden: {0}", title], text);
    }

    private EmailMessage MovedMail(string email, string? name, EventRegistration r, string title, DateTime startUtc)
    {
        var text = string.Join("\n", [
            l["Guten Tag {0},", name ?? ""].Value,
            "",
            l["die Geschäftsstelle hat die Zahl der Plätze für „{0}“ am {1} verringert.", title, BerlinTime.FormatDateTime(startUtc)].Value,
            l["Ihre Anmeldung steht deshalb jetzt ganz vorn auf der Warteliste. Sobald ein Platz frei wird, erhalten Sie ihn zuerst."].Value,
            "",
            Link($"/veranstaltungen/{r.EventId}"),
            "",
            l["Ihre Geschäftsstelle von Quartiersnetz"].Value,
        ]);
        return new EmailMessage(email, name, l["Änderung Ihrer Anmeldung: {0}", title], text);
    }

    /// <summary>
    /// Absolute link without a request (the job): Site:PublicBaseUrl, else the address this node listens on, so links in
    /// development and tests still work.
    /// </summary>
    private string Link(string path)
    {
        var configured = configuration[PublicUrls.SettingKey];
        var baseUrl = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        return baseUrl.TrimEnd('/') + path;
    }
}

/// <summary>Runs <see cref="EventNotices"/> on every node: after a wake-up from a change on this node, else every poll interval.</summary>
internal sealed partial class EventNoticeJob(IServiceScopeFactory scopes, EventNoticeSignal signal, IConfiguration configuration, BackgroundStart start, ILogger<EventNoticeJob> logger)
    : PollingJob(logger, start)
{
    private readonly TimeSpan _interval = configuration.GetValue("Events:OfferPollInterval", TimeSpan.FromMinutes(1));

    protected override async Task RunPassAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EventNotices>().RunAsync(stoppingToken);
    }

    protected override Task WaitAsync(CancellationToken stoppingToken) => signal.WaitAsync(_interval, stoppingToken);
}
