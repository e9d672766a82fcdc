using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Features.Newsletter;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.Platform.Auth;
using static Quartiersnetz.IntegrationTests.Newsletter.NewsletterTestSupport;

namespace Quartiersnetz.IntegrationTests.Newsletter;

/// <summary>
/// Public subscriptions: double opt-in with stored consent, neutral answers that never reveal whether an address is known,
/// confirmation links used twice or too late, unsubscribing by link and by RFC 8058 one-click, refused addresses.
/// </summary>
public sealed class NewsletterSubscriptionTests(NewsletterFactory factory) : IClassFixture<NewsletterFactory>
{
    private static string Answer(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("main")!.TextContent.Trim();

    [Fact]
    public async Task A_reader_subscribes_confirms_once_and_the_consent_is_stored()
    {
        var email = NewAddress();
        var client = factory.CreateBrowserLikeClient();
        var form = await client.GetDocumentAsync("/newsletter");
        Assert.Contains(NewsletterConsent.Version, form.QuerySelector("#Input_Consent-hint")!.TextContent, StringComparison.Ordinal);

        var answer = await client.SubscribeAsync(email);
        Assert.NotNull(answer.QuerySelector("#newsletter-sent"));
        var pending = (await factory.SubscriptionAsync(email))!;
        Assert.Equal(SubscriptionStatus.Pending, pending.Status);
        Assert.Equal(NewsletterConsent.Version, pending.ConsentTextVersion);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, pending.ConsentGivenAtUtc, TimeSpan.FromSeconds(1));
        Assert.Equal(64, pending.ConfirmationTokenHash!.Length);

        var mail = await factory.Mailbox.WaitForMailAsync(email);
        var link = mail.LinkPath("/newsletter/bestaetigen/");
        // Only the hash is stored: the token in the mail is not in the database.
        Assert.DoesNotContain(link.Split('/').Last(), pending.ConfirmationTokenHash, StringComparison.Ordinal);

        // Opening the link (as a mail scanner does) confirms nothing.
        var opened = await client.GetDocumentAsync(link);
        Assert.NotNull(opened.QuerySelector("#confirm-button"));
        Assert.Equal(SubscriptionStatus.Pending, (await factory.SubscriptionAsync(email))!.Status);

        using (var confirmed = await client.SubmitFormAsync(link, new Dictionary<string, string>()))
        {
            Assert.NotNull((await confirmed.ParseAsync()).QuerySelector("#confirm-done"));
        }

        var stored = (await factory.SubscriptionAsync(email))!;
        Assert.Equal(SubscriptionStatus.Confirmed, stored.Status);
        Assert.NotNull(stored.ConfirmedAtUtc);

        // The link used a second time: a friendly "already confirmed", on the page and on the button.
        var again = await factory.CreateBrowserLikeClient().GetDocumentAsync(link);
        Assert.Contains("bereits bestätigt", again.QuerySelector("#confirm-already")!.TextContent, StringComparison.Ordinal);
        using var postAgain = await client.PostAsync(new Uri(link, UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", opened.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]), Ct);
        Assert.NotNull((await postAgain.ParseAsync()).QuerySelector("#confirm-already"));
    }

    [Fact]
    public async Task A_confirmation_link_older_than_seven_days_says_so_and_offers_a_new_subscription()
    {
        var email = NewAddress();
        var client = factory.CreateBrowserLikeClient();
        await client.SubscribeAsync(email);
        var link = (await factory.Mailbox.WaitForMailAsync(email)).LinkPath("/newsletter/bestaetigen/");
        var page = await client.GetDocumentAsync(link);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var expired = await client.GetDocumentAsync(link);
        Assert.Contains("abgelaufen", expired.QuerySelector("#confirm-expired")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(expired.QuerySelector("#confirm-expired a[href='/newsletter']"));
        using var post = await client.PostAsync(new Uri(link, UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Ct);
        Assert.NotNull((await post.ParseAsync()).QuerySelector("#confirm-expired"));
        Assert.Equal(SubscriptionStatus.Pending, (await factory.SubscriptionAsync(email))!.Status);

        // Subscribing again sends a fresh link that works.
        await client.SubscribeAsync(email);
        var fresh = await factory.Mailbox.WaitForMailAsync(email, m => !m.TextBody.Contains(link, StringComparison.Ordinal));
        using var confirmed = await client.SubmitFormAsync(fresh.LinkPath("/newsletter/bestaetigen/"), new Dictionary<string, string>());
        Assert.NotNull((await confirmed.ParseAsync()).QuerySelector("#confirm-done"));
    }

    [Fact]
    public async Task Unknown_and_forged_confirmation_links_get_a_german_message()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/newsletter/bestaetigen/" + new string('x', 43));
        Assert.Contains("ungültig", page.QuerySelector("#confirm-unknown")!.TextContent, StringComparison.Ordinal);
        var tooLong = await factory.CreateBrowserLikeClient().GetDocumentAsync("/newsletter/bestaetigen/" + new string('y', 400));
        Assert.NotNull(tooLong.QuerySelector("#confirm-unknown"));
    }

    [Fact]
    public async Task Subscribing_a_known_address_answers_the_same_and_sends_no_second_mail()
    {
        var fresh = NewAddress();
        var confirmed = await factory.SubscribeAndConfirmAsync();
        var client = factory.CreateBrowserLikeClient();

        var first = Answer(await client.SubscribeAsync(fresh));
        var again = Answer(await client.SubscribeAsync(fresh));
        var known = Answer(await client.SubscribeAsync(confirmed));
        Assert.Equal(first, again);
        Assert.Equal(first, known);

        await factory.OutboxSettledAsync();
        Assert.Single(await factory.Mailbox.MailsToAsync(fresh));
        Assert.Single(await factory.Mailbox.MailsToAsync(confirmed)); // only the first confirmation link

        // After ten minutes a pending address may get a new link.
        factory.Clock.Advance(NewsletterSubscription.ConfirmationMailInterval + TimeSpan.FromSeconds(1));
        await client.SubscribeAsync(fresh);
        await factory.OutboxSettledAsync();
        Assert.Equal(2, (await factory.Mailbox.MailsToAsync(fresh)).Count);
    }

    [Fact]
    public async Task Bad_input_gets_german_messages_and_stores_nothing()
    {
        var client = factory.CreateBrowserLikeClient();
        var email = NewAddress();
        var noConsent = await client.SubscribeAsync(email, consent: false);
        Assert.Contains("Bitte stimmen Sie der Einwilligung zu", noConsent.QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await factory.SubscriptionAsync(email));

        var invalid = await client.SubscribeAsync("kein-at-zeichen");
        Assert.Contains("gültige E-Mail-Adresse", invalid.QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
        var umlaut = await client.SubscribeAsync("jörg@beispiel.de");
        Assert.Contains("Umlaute", umlaut.QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);

        // A bot filling the hidden field gets the usual answer, and nothing happens.
        var bot = NewAddress("bot");
        var botAnswer = await client.SubscribeAsync(bot, honeypot: "https://spam.example");
        Assert.NotNull(botAnswer.QuerySelector("#newsletter-sent"));
        Assert.Null(await factory.SubscriptionAsync(bot));
        await factory.OutboxSettledAsync();
        Assert.Empty(await factory.Mailbox.MailsToAsync(bot));
    }

    [Fact]
    public async Task The_subscription_form_counts_against_the_rate_limit()
    {
        await using var limited = new NewsletterFactory();
        limited.WithSetting("RateLimits:PerAccount:PermitLimit", "2");
        var client = limited.CreateBrowserLikeClient();
        var email = NewAddress();
        await client.SubscribeAsync(email);
        await client.SubscribeAsync(email);
        using var third = await client.SubmitFormAsync("/newsletter", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Consent"] = "true" }, "#newsletter-form");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Fact]
    public async Task Unsubscribing_by_link_ends_the_subscription_and_unknown_tokens_get_the_same_answer()
    {
        var email = await factory.SubscribeAndConfirmAsync();
        var id = (await factory.SubscriptionAsync(email))!.Id;
        var tokens = factory.Services.GetRequiredService<NewsletterTokens>();
        var real = "/newsletter/abmelden/" + tokens.Unsubscribe(new UnsubscribeTarget(false, id));
        var forged = "/newsletter/abmelden/" + tokens.Unsubscribe(new UnsubscribeTarget(false, id))[..^4] + "AAAA";
        var unknown = "/newsletter/abmelden/" + tokens.Unsubscribe(new UnsubscribeTarget(false, Guid.NewGuid()));

        var client = factory.CreateBrowserLikeClient();
        var opened = await client.GetDocumentAsync(real);
        Assert.NotNull(opened.QuerySelector("#unsubscribe-button"));
        Assert.Equal(SubscriptionStatus.Confirmed, (await factory.SubscriptionAsync(email))!.Status);

        using var realAnswer = await client.SubmitFormAsync(real, new Dictionary<string, string>());
        using var forgedAnswer = await client.SubmitFormAsync(forged, new Dictionary<string, string>());
        using var unknownAnswer = await client.SubmitFormAsync(unknown, new Dictionary<string, string>());
        using var garbageAnswer = await client.SubmitFormAsync("/newsletter/abmelden/unbekannt", new Dictionary<string, string>());
        var expected = Answer(await realAnswer.ParseAsync());
        Assert.Contains("Sie sind abgemeldet", expected, StringComparison.Ordinal);
        foreach (var other in new[] { forgedAnswer, unknownAnswer, garbageAnswer })
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal(expected, Answer(await other.ParseAsync()));
        }

        var stored = (await factory.SubscriptionAsync(email))!;
        Assert.Equal(SubscriptionStatus.Unsubscribed, stored.Status);
        Assert.NotNull(stored.UnsubscribedAtUtc);
    }

    [Fact]
    public async Task One_click_unsubscribe_works_without_cookie_or_antiforgery_token()
    {
        var email = await factory.SubscribeAndConfirmAsync();
        var id = (await factory.SubscriptionAsync(email))!.Id;
        var url = "/newsletter/abmelden/" + factory.Services.GetRequiredService<NewsletterTokens>().Unsubscribe(new UnsubscribeTarget(false, id));

        // What a mail program sends for RFC 8058: a bare POST with this one field.
        using var bare = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await bare.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await factory.SubscriptionAsync(email))!.Status);

        // A forged one-click request: the same answer, nothing changes.
        var other = await factory.SubscribeAndConfirmAsync();
        using var forged = await bare.PostAsync(new Uri("/newsletter/abmelden/Zm9yZ2Vk", UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(SubscriptionStatus.Confirmed, (await factory.SubscriptionAsync(other))!.Status);
    }

    [Fact]
    public async Task An_address_the_mail_server_refuses_is_marked_as_bounced()
    {
        var email = NewAddress(SmtpTestServer.RefusedPrefix + "leser");
        await factory.CreateBrowserLikeClient().SubscribeAsync(email);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        NewsletterSubscription? stored;
        while ((stored = await factory.SubscriptionAsync(email))!.Status != SubscriptionStatus.Bounced && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal(SubscriptionStatus.Bounced, stored.Status);
        Assert.NotNull(stored.BouncedAtUtc);
        Assert.Contains("mailbox unavailable", stored.BounceReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_can_switch_member_issues_off_on_the_profile_page()
    {
        var member = await factory.PersonAsync(Roles.MemberStaff);
        var page = await member.Client.GetDocumentAsync("/konto/profil");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_ReceiveMemberNewsletter")!).IsChecked);

        using var saved = await member.Client.SubmitFormAsync("/konto/profil", new Dictionary<string, string> { ["Input.ReceiveMemberNewsletter"] = "false" }, "main form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.False(await factory.NewsletterQueryAsync(db => MemberNewsletterSetting.WantsAsync(db, member.Id, Ct)));
        var after = await member.Client.GetDocumentAsync("/konto/profil");
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)after.QuerySelector("#Input_ReceiveMemberNewsletter")!).IsChecked);
    }
}
