using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.News;
using Quartiersnetz.Features.Newsletter;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using static Quartiersnetz.IntegrationTests.Newsletter.NewsletterTestSupport;

namespace Quartiersnetz.IntegrationTests.Newsletter;

/// <summary>
/// Issues: the office composes from a text plus picked news and events, previews, tests and sends; the send job writes one
/// mail per recipient exactly once; mails carry the unsubscribe headers and no tracking; audiences and members' settings
/// are respected; the archive shows public issues to everyone and member issues to members only.
/// </summary>
public sealed class NewsletterIssueTests(NewsletterFactory factory) : IClassFixture<NewsletterFactory>
{
    private static string Unique(string text) => text + " " + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task A_public_issue_reaches_subscribers_and_members_who_want_it_with_one_click_unsubscribe_headers()
    {
        var office = await factory.PersonAsync(Roles.Office);
        var subscriber = await factory.SubscribeAndConfirmAsync();
        var member = await factory.PersonAsync(Roles.MemberStaff);
        var optedOut = await factory.PersonAsync(Roles.Expert);
        using (var saved = await optedOut.Client.SubmitFormAsync("/konto/profil", new Dictionary<string, string> { ["Input.ReceiveMemberNewsletter"] = "false" }, "main form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var news = await factory.StoreNewsAsync(Unique("Neue Arbeitshilfe"), NewsVisibility.Public);
        var eventId = await factory.StoreEventAsync(Unique("Netzwerktreffen Bochum"), EventAudience.Public);
        var publication = await factory.StorePublicationAsync(Unique("Arbeitshilfe Verfügungsfonds"), PublicationVisibility.Public);
        var subject = Unique("Newsletter Dezember");
        var compose = await office.Client.GetDocumentAsync("/geschaeftsstelle/newsletter/ausgabe");
        Assert.Contains(publication.Title, compose.QuerySelector("#Input_Publications")!.TextContent, StringComparison.Ordinal);
        var id = await office.Client.ComposeAsync(subject, news: [news.Id], events: [eventId], intro: "Hallo <script>alert(1)</script> **Netzwerk**!", publications: [publication.Id]);

        // The preview: the HTML as mailed (sanitised Markdown, picked items with direct links) and the text part.
        var preview = await office.Client.GetDocumentAsync($"/geschaeftsstelle/newsletter/ausgabe/{id}");
        var html = preview.QuerySelector("#preview-html")!;
        Assert.Empty(html.QuerySelectorAll("script"));
        Assert.Equal("Netzwerk", html.QuerySelector("strong")!.TextContent);
        Assert.Contains(news.Title, html.TextContent, StringComparison.Ordinal);
        Assert.Contains("/aktuelles/" + news.Slug, preview.QuerySelector("#preview-text")!.TextContent, StringComparison.Ordinal);

        await factory.SendAsync(office.Client, id);
        await factory.OutboxSettledAsync();

        foreach (var address in new[] { subscriber, member.Email })
        {
            var mail = Assert.Single(factory.Received(address), m => m.Message.Subject == subject).Message;
            Assert.Equal(subject, mail.Subject);
            var listUnsubscribe = mail.Headers["List-Unsubscribe"]!;
            Assert.Matches("^<http://[^>]+/newsletter/abmelden/[A-Za-z0-9_-]+>$", listUnsubscribe);
            Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
            Assert.Contains(listUnsubscribe.Trim('<', '>'), mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(news.Title, mail.HtmlBody!, StringComparison.Ordinal);
            // No tracking: no images at all, every link goes straight to its page.
            Assert.DoesNotContain("<img", mail.HtmlBody!, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"/aktuelles/{news.Slug}\"", mail.HtmlBody!, StringComparison.Ordinal);
            Assert.Contains($"/veranstaltungen/{eventId}\"", mail.HtmlBody!, StringComparison.Ordinal);
            Assert.Contains($"/bibliothek/{publication.Slug}\"", mail.HtmlBody!, StringComparison.Ordinal);
            Assert.Contains("Neu in der Bibliothek", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(publication.Title, mail.TextBody, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(factory.Received(optedOut.Email), m => m.Message.Subject == subject);
        var issue = await factory.NewsletterQueryAsync(db => db.Set<NewsletterIssue>().AsNoTracking().SingleAsync(i => i.Id == id, Ct));
        Assert.Equal(issue.RecipientCount, issue.DeliveredCount);
        Assert.Contains($"{issue.DeliveredCount} von {issue.RecipientCount}", (await office.Client.GetDocumentAsync($"/geschaeftsstelle/newsletter/ausgabe/{id}")).QuerySelector("#issue-progress")!.TextContent, StringComparison.Ordinal);

        // The member's own one-click link switches member mails off.
        var memberLink = new Uri(factory.Received(member.Email).First(m => m.Message.Subject == subject).Message.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;
        using var bare = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var oneClick = await bare.PostAsync(new Uri(memberLink, UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False(await factory.NewsletterQueryAsync(db => MemberNewsletterSetting.WantsAsync(db, member.Id, Ct)));
    }

    [Fact]
    public async Task A_members_issue_never_reaches_subscribers_or_the_public_archive()
    {
        var office = await factory.PersonAsync(Roles.Office);
        var subscriber = await factory.SubscribeAndConfirmAsync();
        var member = await factory.PersonAsync(Roles.MemberStaff);
        var secret = await factory.StoreNewsAsync(Unique("Interna Zaunkönig"), NewsVisibility.Members);
        var subject = Unique("Nur für Mitglieder");
        var id = await office.Client.ComposeAsync(subject, audience: "Members", news: [secret.Id]);
        await factory.SendAsync(office.Client, id);
        await factory.OutboxSettledAsync();

        Assert.DoesNotContain(factory.Received(subscriber), m => m.Message.Subject == subject);
        Assert.Contains(secret.Title, Assert.Single(factory.Received(member.Email), m => m.Message.Subject == subject).Message.HtmlBody!, StringComparison.Ordinal);

        var anonymous = factory.CreateBrowserLikeClient();
        await anonymous.GetDocumentAsync($"/newsletter/archiv/{id}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(subject, (await anonymous.GetDocumentAsync("/newsletter/archiv")).Body!.TextContent, StringComparison.Ordinal);
        await (await factory.PersonAsync()).Client.GetDocumentAsync($"/newsletter/archiv/{id}", HttpStatusCode.NotFound);
        Assert.Contains(subject, (await member.Client.GetDocumentAsync("/newsletter/archiv")).QuerySelector("#newsletter-archive")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(secret.Title, (await member.Client.GetDocumentAsync($"/newsletter/archiv/{id}")).QuerySelector("#archive-issue")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_issue_is_in_the_archive_for_everyone()
    {
        var office = await factory.PersonAsync(Roles.Office);
        var subject = Unique("Archivausgabe");
        var id = await office.Client.ComposeAsync(subject, intro: "Ein Text fürs Archiv.");
        var anonymous = factory.CreateBrowserLikeClient();
        await anonymous.GetDocumentAsync($"/newsletter/archiv/{id}", HttpStatusCode.NotFound); // a draft is not archived
        await factory.SendAsync(office.Client, id);

        Assert.Contains(subject, (await anonymous.GetDocumentAsync("/newsletter/archiv")).QuerySelector("#newsletter-archive")!.TextContent, StringComparison.Ordinal);
        var page = await anonymous.GetDocumentAsync($"/newsletter/archiv/{id}");
        Assert.Equal(subject, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Ein Text fürs Archiv.", page.QuerySelector("#archive-issue")!.TextContent, StringComparison.Ordinal);
        // The archive shows no one's personal unsubscribe link.
        Assert.DoesNotContain("/newsletter/abmelden/", page.QuerySelector("#archive-issue")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_only_items_cannot_go_into_a_public_issue_and_bad_input_stores_nothing()
    {
        var office = await factory.PersonAsync(Roles.Office);
        var secret = await factory.StoreNewsAsync(Unique("Vertraulich"), NewsVisibility.Members);
        var membersEvent = await factory.StoreEventAsync(Unique("Mitgliedertreffen"), EventAudience.Members);
        var membersPublication = await factory.StorePublicationAsync(Unique("Interner Bericht"), PublicationVisibility.Members);
        var draftPublication = await factory.StorePublicationAsync(Unique("Entwurf"), PublicationVisibility.Public, published: false);
        var subject = Unique("Falsch gemischt");
        var before = await factory.NewsletterQueryAsync(db => db.Set<NewsletterIssue>().CountAsync(Ct));

        using var mixed = await office.Client.PostFormAsync("/geschaeftsstelle/newsletter/ausgabe",
            [new("Input.Subject", subject), new("Input.Audience", "Public"), new("Input.News", secret.Id.ToString()), new("Input.Events", membersEvent.ToString()),
                new("Input.Publications", membersPublication.Id.ToString())]);
        Assert.Equal(HttpStatusCode.OK, mixed.StatusCode);
        var errors = await mixed.ErrorSummaryAsync();
        Assert.Contains("Eine öffentliche Ausgabe kann nur öffentliche, veröffentlichte Veröffentlichungen der Bibliothek enthalten", errors, StringComparison.Ordinal);
        Assert.Contains("Eine öffentliche Ausgabe kann nur öffentliche, veröffentlichte Meldungen enthalten", errors, StringComparison.Ordinal);
        Assert.Contains("Eine öffentliche Ausgabe kann nur öffentliche, kommende Veranstaltungen enthalten", errors, StringComparison.Ordinal);

        using var noSubject = await office.Client.PostFormAsync("/geschaeftsstelle/newsletter/ausgabe", [new("Input.Subject", ""), new("Input.Audience", "Public")]);
        Assert.Contains("Bitte geben Sie einen Betreff ein.", await noSubject.ErrorSummaryAsync(), StringComparison.Ordinal);

        using var badAudience = await office.Client.PostFormAsync("/geschaeftsstelle/newsletter/ausgabe", [new("Input.Subject", subject), new("Input.Audience", "Alle")]);
        Assert.Contains("Bitte wählen Sie, wer die Ausgabe erhält.", await badAudience.ErrorSummaryAsync(), StringComparison.Ordinal);

        using var unknownItem = await office.Client.PostFormAsync("/geschaeftsstelle/newsletter/ausgabe",
            [new("Input.Subject", subject), new("Input.Audience", "Members"), new("Input.News", Guid.NewGuid().ToString())]);
        Assert.Contains("Bitte wählen Sie nur veröffentlichte Meldungen aus der Liste.", await unknownItem.ErrorSummaryAsync(), StringComparison.Ordinal);

        using var draft = await office.Client.PostFormAsync("/geschaeftsstelle/newsletter/ausgabe",
            [new("Input.Subject", subject), new("Input.Audience", "Members"), new("Input.Publications", draftPublication.Id.ToString())]);
        Assert.Contains("Bitte wählen Sie nur veröffentlichte Veröffentlichungen aus der Liste.", await draft.ErrorSummaryAsync(), StringComparison.Ordinal);

        Assert.Equal(before, await factory.NewsletterQueryAsync(db => db.Set<NewsletterIssue>().CountAsync(Ct)));

        // As a members' issue the same picks are fine.
        var id = await office.Client.ComposeAsync(subject, audience: "Members", news: [secret.Id], events: [membersEvent], publications: [membersPublication.Id]);
        Assert.Equal(3, await factory.NewsletterQueryAsync(db => db.Set<NewsletterIssueItem>().CountAsync(i => i.IssueId == id, Ct)));
    }

    [Fact]
    public async Task The_office_sends_a_test_to_itself_and_a_sent_issue_cannot_be_changed_or_sent_again()
    {
        var office = await factory.PersonAsync(Roles.Office);
        var subject = Unique("Testversand");
        var id = await office.Client.ComposeAsync(subject);
        var page = $"/geschaeftsstelle/newsletter/ausgabe/{id}";
        using (var test = await office.Client.PostFormAsync(page, [], page + "?handler=test"))
        {
            Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        }

        var mail = await factory.Mailbox.WaitForMailAsync(office.Email);
        Assert.Equal("[Test] " + subject, mail.Subject);
        Assert.Equal(IssueStatus.Draft, await factory.NewsletterQueryAsync(db => db.Set<NewsletterIssue>().Where(i => i.Id == id).Select(i => i.Status).SingleAsync(Ct)));

        await factory.SendAsync(office.Client, id);
        await factory.OutboxSettledAsync();
        var received = factory.Received(office.Email).Count;
        using (var again = await office.Client.PostFormAsync("/newsletter", [], page + "?handler=send"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        await factory.Services.GetRequiredService<NewsletterSendJob>().RunPendingAsync(Ct);
        using var change = await office.Client.PostFormAsync("/newsletter", [new("Input.Subject", "Geändert"), new("Input.Audience", "Public")], page);
        Assert.Contains("kann nicht mehr geändert werden", await change.ErrorSummaryAsync(), StringComparison.Ordinal);
        await factory.OutboxSettledAsync();
        Assert.Equal(received, factory.Received(office.Email).Count);
    }

    [Fact]
    public async Task A_subscriber_whose_address_is_refused_while_sending_is_marked_as_bounced()
    {
        var office = await factory.PersonAsync(Roles.Office);
        var refused = (await factory.StoreConfirmedAsync(1, SmtpTestServer.RefusedPrefix + "abo"))[0];
        var id = await office.Client.ComposeAsync(Unique("Bounce"));
        await factory.SendAsync(office.Client, id);
        await factory.OutboxSettledAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await factory.SubscriptionAsync(refused))!.Status != SubscriptionStatus.Bounced && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        var stored = (await factory.SubscriptionAsync(refused))!;
        Assert.Equal(SubscriptionStatus.Bounced, stored.Status);
        Assert.Contains("mailbox unavailable", stored.BounceReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_office_overview_lists_issues_and_subscriber_counts()
    {
        var office = await factory.PersonAsync(Roles.Office);
        var subject = Unique("Übersicht");
        await office.Client.ComposeAsync(subject);
        var page = await office.Client.GetDocumentAsync("/geschaeftsstelle/newsletter");
        Assert.Contains(subject, page.QuerySelector("#office-issues")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#subscriber-counts"));
        Assert.NotNull((await office.Client.GetDocumentAsync("/geschaeftsstelle/newsletter/abonnenten")).QuerySelector("h1"));
        await office.Client.GetDocumentAsync($"/geschaeftsstelle/newsletter/ausgabe/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }
}

/// <summary>
/// The batched send job on its own database: its 250 subscribers would otherwise receive every public issue the other
/// tests send, and those tests' mails would wait behind hundreds of others in the outbox.
/// </summary>
public sealed class NewsletterSendJobTests(NewsletterFactory factory) : IClassFixture<NewsletterFactory>
{
    private static string Unique(string text) => text + " " + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task The_send_job_writes_each_recipient_once_even_when_interrupted_and_run_twice_at_once()
    {
        var office = await factory.PersonAsync(Roles.Office);
        var addresses = await factory.StoreConfirmedAsync(NewsletterSendJob.BatchSize + 50, "massen");
        var subject = Unique("Großversand");
        var id = await office.Client.ComposeAsync(subject);
        // Released without waking the job, so the test decides when batches run.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Quartiersnetz.Data.QuartiersnetzDbContext>();
            var issue = await db.Set<NewsletterIssue>().SingleAsync(i => i.Id == id, Ct);
            issue.Status = IssueStatus.Sending;
            issue.SentHtml = "<p>Großversand</p>";
            issue.SentText = "Großversand";
            issue.LinkBase = "http://localhost";
            await db.SaveChangesAsync(Ct);
        }

        var job = factory.Services.GetRequiredService<NewsletterSendJob>();
        await job.SendIssueAsync(id, maxBatches: 1, Ct); // then "crash"
        var afterOne = await factory.NewsletterQueryAsync(db => db.Set<NewsletterDelivery>().CountAsync(d => d.IssueId == id, Ct));
        Assert.True(afterOne >= NewsletterSendJob.BatchSize, $"{afterOne} deliveries after one batch");

        // Restarted twice at the same time (two nodes): still one mail per address.
        await Task.WhenAll(job.RunPendingAsync(Ct), job.SendIssueAsync(id, int.MaxValue, Ct));
        await job.RunPendingAsync(Ct);

        var counts = await factory.NewsletterQueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Subject == subject).GroupBy(m => m.ToAddress).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct));
        foreach (var address in addresses)
        {
            Assert.Equal(1, counts.SingleOrDefault(c => c.Key == address)?.Count ?? 0);
        }

        var done = await factory.NewsletterQueryAsync(db => db.Set<NewsletterIssue>().AsNoTracking().SingleAsync(i => i.Id == id, Ct));
        Assert.Equal(IssueStatus.Sent, done.Status);
        Assert.Equal(done.RecipientCount, done.DeliveredCount);
        Assert.True(done.DeliveredCount >= addresses.Count);
    }
}
