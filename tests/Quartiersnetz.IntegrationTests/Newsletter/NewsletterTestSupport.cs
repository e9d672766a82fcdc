using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.News;
using Quartiersnetz.Features.Newsletter;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Newsletter;

/// <summary>The app with a clock the test moves.</summary>
public sealed class NewsletterFactory : QuartiersnetzFactory
{
    public NewsletterFactory() => WithServices(services => ReplaceSingleton<TimeProvider>(services, Clock));

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
}

/// <summary>A person of the test, signed in.</summary>
public sealed record NewsletterPerson(HttpClient Client, Guid Id, string Email);

/// <summary>Arranges people, content and subscriptions for the newsletter tests, and reads what the app stored.</summary>
internal static class NewsletterTestSupport
{
    private const string Password = "Newsletter-Test-Passwort-1";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewAddress(string prefix = "leser") => $"{prefix}-{Guid.NewGuid():N}@quartiersnetz.test";

    public static async Task<NewsletterPerson> PersonAsync(this QuartiersnetzFactory factory, params string[] roles)
    {
        var email = NewAddress("person");
        Guid id;
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Newsletter Person" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            foreach (var role in roles)
            {
                await users.AddToRoleAsync(user, role);
            }

            id = user.Id;
        }

        if (roles.Contains(Roles.Office))
        {
            await TotpCodes.EnableForAsync(factory, email);
        }

        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, Password);
        return new NewsletterPerson(client, id, email);
    }

    public static async Task<T> NewsletterQueryAsync<T>(this QuartiersnetzFactory factory, Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    public static Task<NewsletterSubscription?> SubscriptionAsync(this QuartiersnetzFactory factory, string email)
    {
        var key = email.ToUpperInvariant();
        return factory.NewsletterQueryAsync(db => db.Set<NewsletterSubscription>().AsNoTracking().SingleOrDefaultAsync(s => s.EmailKey == key, Ct));
    }

    /// <summary>Subscribes through the public form; returns the answer page.</summary>
    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> SubscribeAsync(this HttpClient client, string email, bool consent = true, string? honeypot = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = email };
        if (consent)
        {
            fields["Input.Consent"] = "true";
        }

        if (honeypot is not null)
        {
            fields["Input.Website"] = honeypot;
        }

        using var response = await client.SubmitFormAsync("/newsletter", fields, "#newsletter-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ParseAsync();
    }

    /// <summary>Subscribes through the form and confirms by the mailed link, as a reader does.</summary>
    public static async Task<string> SubscribeAndConfirmAsync(this QuartiersnetzFactory factory, string? email = null)
    {
        email ??= NewAddress();
        var client = factory.CreateBrowserLikeClient();
        await client.SubscribeAsync(email);
        var mail = await factory.Mailbox.WaitForMailAsync(email);
        using var confirmed = await client.SubmitFormAsync(mail.LinkPath("/newsletter/bestaetigen/"), new Dictionary<string, string>());
        Assert.NotNull((await confirmed.ParseAsync()).QuerySelector("#confirm-done"));
        return email;
    }

    /// <summary>A confirmed subscription stored directly (arranging only, e.g. for many recipients or refused addresses).</summary>
    public static async Task<List<string>> StoreConfirmedAsync(this QuartiersnetzFactory factory, int count, string prefix = "abo")
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var addresses = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = NewAddress(prefix);
            db.Add(new NewsletterSubscription
            {
                Email = email, EmailKey = email.ToUpperInvariant(), Status = SubscriptionStatus.Confirmed, ConsentTextVersion = NewsletterConsent.Version,
                ConsentGivenAtUtc = DateTime.UtcNow, ConfirmedAtUtc = DateTime.UtcNow, CreatedAtUtc = DateTime.UtcNow,
            });
            addresses.Add(email);
        }

        await db.SaveChangesAsync(Ct);
        return addresses;
    }

    public static async Task<NewsArticle> StoreNewsAsync(this QuartiersnetzFactory factory, string title, NewsVisibility visibility)
    {
        var article = new NewsArticle
        {
            Slug = "nl-" + Guid.NewGuid().ToString("N")[..10], Title = title, Teaser = "Anreißer zu " + title, Body = "Text", Visibility = visibility,
            PublishAtUtc = DateTime.UtcNow.AddDays(-1), Announced = true, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(article);
        await db.SaveChangesAsync(Ct);
        return article;
    }

    public static async Task<Guid> StoreEventAsync(this QuartiersnetzFactory factory, string title, EventAudience audience)
    {
        var start = DateTime.UtcNow.AddDays(10);
        var ev = new Event
        {
            Type = EventType.Netzwerktreffen, Title = title, Description = "Beschreibung", StartUtc = start, EndUtc = start.AddHours(3),
            PlaceMode = PlaceMode.OnSite, VenueName = "Rathaus Bochum", Audience = audience, Status = EventStatus.Published,
            CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        await db.SaveChangesAsync(Ct);
        return ev.Id;
    }

    public static async Task<Publication> StorePublicationAsync(this QuartiersnetzFactory factory, string title, PublicationVisibility visibility, bool published = true)
    {
        var publication = new Publication
        {
            Slug = "nl-" + Guid.NewGuid().ToString("N")[..10], Type = PublicationType.Arbeitshilfe, Title = title, Year = 2026, Abstract = "Kurzfassung",
            Visibility = visibility, PublishedAtUtc = published ? DateTime.UtcNow.AddDays(-1) : null, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(publication);
        await db.SaveChangesAsync(Ct);
        return publication;
    }

    /// <summary>Composes and saves a draft through the office page; returns its id.</summary>
    public static async Task<Guid> ComposeAsync(
        this HttpClient office, string subject, string audience = "Public", IEnumerable<Guid>? news = null, IEnumerable<Guid>? events = null,
        string intro = "Liebe Leserinnen und Leser, **willkommen**.", IEnumerable<Guid>? publications = null)
    {
        var values = new List<KeyValuePair<string, string>>
        {
            new("Input.Subject", subject), new("Input.Intro", intro), new("Input.Audience", audience),
        };
        values.AddRange((news ?? []).Select(n => new KeyValuePair<string, string>("Input.News", n.ToString())));
        values.AddRange((events ?? []).Select(e => new KeyValuePair<string, string>("Input.Events", e.ToString())));
        values.AddRange((publications ?? []).Select(p => new KeyValuePair<string, string>("Input.Publications", p.ToString())));
        using var response = await office.PostFormAsync("/geschaeftsstelle/newsletter/ausgabe", values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        var location = response.Headers.Location!.OriginalString;
        return Guid.Parse(location.Split('/').Last().Split('#')[0]);
    }

    /// <summary>Posts a form of <paramref name="pageUrl"/> (its antiforgery token) with exactly the given values to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> values, string? action = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(values.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(action ?? pageUrl, UriKind.Relative), content, Ct);
    }

    /// <summary>Presses "Versenden" and runs the send job to the end.</summary>
    public static async Task SendAsync(this QuartiersnetzFactory factory, HttpClient office, Guid issueId)
    {
        var page = $"/geschaeftsstelle/newsletter/ausgabe/{issueId}";
        using var response = await office.PostFormAsync(page, [], page + "?handler=send");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.Services.GetRequiredService<NewsletterSendJob>().RunPendingAsync(Ct);
        var issue = await factory.NewsletterQueryAsync(db => db.Set<NewsletterIssue>().AsNoTracking().SingleAsync(i => i.Id == issueId, Ct));
        Assert.Equal(IssueStatus.Sent, issue.Status);
    }

    /// <summary>The MIME messages the SMTP server received for an address.</summary>
    public static IReadOnlyList<CapturedMail> Received(this QuartiersnetzFactory factory, string email) =>
        [.. factory.Smtp.Messages.Where(m => m.EnvelopeRecipients.Contains(email, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Waits until the outbox has tried every mail it holds, so counting received mails is final.</summary>
    public static async Task OutboxSettledAsync(this QuartiersnetzFactory factory)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await factory.NewsletterQueryAsync(db => db.Set<Quartiersnetz.Platform.Email.OutboxMessage>()
                   .CountAsync(m => m.Status == Quartiersnetz.Platform.Email.OutboxStatus.Pending && m.Attempts == 0, Ct)) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The outbox did not send its mails within 30 s.");
            await Task.Delay(50, Ct);
        }
    }
}
