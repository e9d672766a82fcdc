using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Newsletter;

/// <summary>What a confirmation link is worth.</summary>
internal enum ConfirmationState
{
    /// <summary>No such link (mistyped, forged, or replaced by a newer one).</summary>
    Unknown,

    /// <summary>Valid and not yet used.</summary>
    Open,

    /// <summary>Used before: the subscription is confirmed.</summary>
    AlreadyConfirmed,

    /// <summary>Older than seven days, or the address was unsubscribed since.</summary>
    Expired,
}

/// <summary>
/// Public subscriptions: subscribe (double opt-in), confirm, unsubscribe. Every answer a visitor sees is the same whether
/// the address is known or not, so nobody can find out who reads the newsletter.
/// </summary>
internal sealed class NewsletterSubscriptions(
    QuartiersnetzDbContext db, EmailOutbox outbox, TimeProvider clock, PublicUrls urls, NewsletterTokens tokens, IStringLocalizer<Texts> l)
{
    public const string ConfirmPath = "/newsletter/bestaetigen/";
    public const string UnsubscribePath = "/newsletter/abmelden/";

    /// <summary>
    /// Stores the consent and sends a confirmation link — unless the address is confirmed already (nothing to confirm;
    /// a second mail would only let strangers flood someone's inbox) or got a link less than ten minutes ago.
    /// </summary>
    public async Task SubscribeAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var key = EmailAddress.Key(normalizedEmail);
        var now = clock.GetUtcNow().UtcDateTime;
        var subscription = await db.Set<NewsletterSubscription>().SingleOrDefaultAsync(s => s.EmailKey == key, cancellationToken);
        if (subscription is null)
        {
            subscription = new NewsletterSubscription { Email = normalizedEmail, EmailKey = key, Status = SubscriptionStatus.Pending, CreatedAtUtc = now };
            db.Add(subscription);
        }
        else if (subscription.Status == SubscriptionStatus.Confirmed
            || (subscription.LastConfirmationMailAtUtc is { } last && now - last < NewsletterSubscription.ConfirmationMailInterval))
        {
            return;
        }

        var token = NewsletterTokens.NewConfirmationToken();
        subscription.Email = normalizedEmail;
        subscription.Status = SubscriptionStatus.Pending;
        subscription.ConsentTextVersion = NewsletterConsent.Version;
        subscription.ConsentGivenAtUtc = now;
        subscription.ConfirmationTokenHash = NewsletterTokens.HashOf(token);
        subscription.ConfirmationExpiresAtUtc = now + NewsletterSubscription.ConfirmationLifetime;
        subscription.LastConfirmationMailAtUtc = now;
        outbox.Enqueue(new EmailMessage(normalizedEmail, null, l["Bitte bestätigen Sie Ihre Newsletter-Anmeldung"], string.Join("\n", [
            l["Guten Tag,"].Value,
            "",
            l["jemand – hoffentlich Sie – möchte mit dieser E-Mail-Adresse den Newsletter der AG Soziale Stadt NRW erhalten. Bitte bestätigen Sie die Anmeldung bis {0} über diesen Link:", BerlinTime.FormatDateTime(subscription.ConfirmationExpiresAtUtc)].Value,
            urls.Absolute(ConfirmPath + token),
            "",
            l["Wenn Sie sich nicht angemeldet haben, müssen Sie nichts tun: Ohne Bestätigung erhalten Sie keinen Newsletter."].Value,
        ])));

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!Overload.IsOverload(ex))
        {
            // The same address sent twice at the same moment: the other request stored it and sent the link.
        }
    }

    public async Task<ConfirmationState> CheckAsync(string token, CancellationToken cancellationToken) =>
        StateOf(await FindByTokenAsync(token, cancellationToken));

    /// <summary>Confirms a valid link; the answer says what the link was worth before.</summary>
    public async Task<ConfirmationState> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        var subscription = await FindByTokenAsync(token, cancellationToken);
        var state = StateOf(subscription);
        if (state == ConfirmationState.Open)
        {
            subscription!.Status = SubscriptionStatus.Confirmed;
            subscription.ConfirmedAtUtc = clock.GetUtcNow().UtcDateTime;
            // The hash stays, so using the link again says "already confirmed" instead of "unknown".
            await db.SaveChangesAsync(cancellationToken);
        }

        return state;
    }

    /// <summary>Ends a subscription or a member's member mails; a forged or unknown token changes nothing and looks the same.</summary>
    public async Task UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.ReadUnsubscribe(token) is not { } target)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        string? key = null;
        if (target.IsMember)
        {
            key = await db.Users.Where(u => u.Id == target.Id).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(cancellationToken);
            if (key is not null || await db.Users.AnyAsync(u => u.Id == target.Id, cancellationToken))
            {
                await MemberNewsletterSetting.SetAsync(db, target.Id, receive: false, now, cancellationToken);
            }
        }

        // A member who also subscribed publicly asked to get no more newsletters at this address: end both.
        var subscription = target.IsMember
            ? key is null ? null : await db.Set<NewsletterSubscription>().SingleOrDefaultAsync(s => s.EmailKey == key, cancellationToken)
            : await db.Set<NewsletterSubscription>().SingleOrDefaultAsync(s => s.Id == target.Id, cancellationToken);
        if (subscription is { Status: SubscriptionStatus.Confirmed or SubscriptionStatus.Pending })
        {
            subscription.Status = SubscriptionStatus.Unsubscribed;
            subscription.UnsubscribedAtUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<NewsletterSubscription?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = NewsletterTokens.HashOf(token);
        return await db.Set<NewsletterSubscription>().SingleOrDefaultAsync(s => s.ConfirmationTokenHash == hash, cancellationToken);
    }

    private ConfirmationState StateOf(NewsletterSubscription? subscription) => subscription switch
    {
        null => ConfirmationState.Unknown,
        { Status: SubscriptionStatus.Confirmed } => ConfirmationState.AlreadyConfirmed,
        { Status: SubscriptionStatus.Pending } s when s.ConfirmationExpiresAtUtc >= clock.GetUtcNow().UtcDateTime => ConfirmationState.Open,
        _ => ConfirmationState.Expired,
    };
}

/// <summary>Marks a subscription whose address the mail server refused for good, so later issues skip it.</summary>
internal sealed class NewsletterBounces(QuartiersnetzDbContext db, TimeProvider clock) : IRefusedRecipientObserver
{
    public async Task RecipientRefusedAsync(string address, string error, CancellationToken cancellationToken)
    {
        var key = EmailAddress.Key(address);
        var subscription = await db.Set<NewsletterSubscription>().SingleOrDefaultAsync(s => s.EmailKey == key, cancellationToken);
        if (subscription is not { Status: SubscriptionStatus.Confirmed or SubscriptionStatus.Pending })
        {
            return;
        }

        subscription.Status = SubscriptionStatus.Bounced;
        subscription.BouncedAtUtc = clock.GetUtcNow().UtcDateTime;
        subscription.BounceReason = error.Length <= 500 ? error : error[..500];
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Whether a member receives member issues. The default is yes: member issues are the network's announcements to its
/// members (part of membership, like the invitation mails), and every such mail carries a one-click opt-out; a public
/// subscription, by contrast, needs the double opt-in.
/// </summary>
internal static class MemberNewsletterSetting
{
    public const bool Default = true;

    public static async Task<bool> WantsAsync(QuartiersnetzDbContext db, Guid userId, CancellationToken cancellationToken) =>
        await db.Set<MemberNewsletterPreference>().AsNoTracking().Where(p => p.UserId == userId).Select(p => (bool?)p.Receive)
            .SingleOrDefaultAsync(cancellationToken) ?? Default;

    /// <summary>Records the choice on the caller's DbContext; the caller saves.</summary>
    public static async Task SetAsync(QuartiersnetzDbContext db, Guid userId, bool receive, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var preference = await db.Set<MemberNewsletterPreference>().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (preference is null)
        {
            db.Add(new MemberNewsletterPreference { UserId = userId, Receive = receive, ChangedAtUtc = nowUtc });
        }
        else if (preference.Receive != receive)
        {
            preference.Receive = receive;
            preference.ChangedAtUtc = nowUtc;
        }
    }
}
