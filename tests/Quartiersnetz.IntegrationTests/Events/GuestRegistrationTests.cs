using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>Guests without an account: request by form, confirm by the mailed link (48 h, single use), cancel by the other link.</summary>
public sealed class GuestRegistrationTests(EventClockFactory factory) : IClassFixture<EventClockFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_guest_registers_confirms_by_the_link_and_cancels_by_the_other_link()
    {
        var id = await factory.CreateEventAsync(capacity: 5, title: "Öffentliche Werkstatt");
        var q = await factory.AddQuestionsAsync(id);
        var email = Address();
        var guest = factory.CreateBrowserLikeClient();
        var eventPage = await guest.GetDocumentAsync($"/veranstaltungen/{id}");
        Assert.Equal($"/veranstaltungen/{id}/gast", eventPage.QuerySelector("#guest-register-link")!.GetAttribute("href"));

        using (var sent = await SubmitGuestAsync(guest, id, "Gerda Gast", email, new Dictionary<string, string>
        {
            ["answer-" + q.Car] = "Ja", ["answer-" + q.Parking] = "Behindertenparkplatz", ["needs"] = "hoeranlage",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal($"/veranstaltungen/{id}/gast?gesendet=true", sent.Headers.Location!.OriginalString);
        }

        // Nothing is reserved before the link is followed.
        Assert.Empty(await factory.RegistrationsAsync(id));
        var request = await factory.EventQueryAsync(db => db.Set<EventGuestRequest>().SingleAsync(g => g.EventId == id, Ct));
        Assert.Equal(64, request.ConfirmTokenHash.Length);
        var mail = await factory.Mailbox.WaitForMailAsync(email);
        Assert.Contains("Öffentliche Werkstatt", mail.Subject, StringComparison.Ordinal);
        var confirm = mail.LinkPath("/veranstaltungen/gast/bestaetigen/");
        var cancel = mail.LinkPath("/veranstaltungen/gast/abmelden/");
        Assert.DoesNotContain(request.ConfirmTokenHash, confirm, StringComparison.Ordinal);

        // Opening the link changes nothing (mail scanners open links); the button confirms.
        var confirmPage = await guest.GetDocumentAsync(confirm);
        Assert.NotNull(confirmPage.QuerySelector("#guest-link-form"));
        Assert.Empty(await factory.RegistrationsAsync(id));
        using (var confirmed = await guest.SubmitFormAsync(confirm, new Dictionary<string, string>(), "#guest-link-form"))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Equal("confirmed", (await confirmed.ParseAsync()).QuerySelector("#guest-message")!.GetAttribute("data-status"));
        }

        var registration = Assert.Single(await factory.RegistrationsAsync(id));
        Assert.Equal((RegistrationStatus.Confirmed, (Guid?)null, "Gerda Gast", email, "hoeranlage"),
            (registration.Status, registration.PersonId, registration.GuestName, registration.GuestEmail, registration.AccessibilityNeedCodes));
        Assert.Equal(["Ja", "Behindertenparkplatz"], (await factory.AnswersAsync(id)).Select(a => a.Value));
        Assert.Equal(1, (await factory.EventAsync(id)).ConfirmedCount);

        // The office sees the guest with the answers, on the page and through the API.
        var office = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
        var row = (await office.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}/registrations", Ct)).GetProperty("items")[0];
        Assert.Equal(("Gerda Gast", email, true), (row.GetProperty("displayName").GetString(), row.GetProperty("email").GetString(), row.GetProperty("isGuest").GetBoolean()));
        Assert.Equal("Behindertenparkplatz", row.GetProperty("answers")[1].GetProperty("values")[0].GetString());

        // Used once: the same link again is refused and registers nobody twice.
        var antiforgery = confirmPage.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using (var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }))
        using (var again = await guest.PostAsync(new Uri(confirm, UriKind.Relative), content, Ct))
        {
            Assert.Contains("abgelaufen oder wurde bereits verwendet", (await again.ParseAsync()).QuerySelector("#guest-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Single(await factory.RegistrationsAsync(id));

        using (var cancelled = await guest.SubmitFormAsync(cancel, new Dictionary<string, string>(), "#guest-link-form"))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            Assert.NotNull((await cancelled.ParseAsync()).QuerySelector("#guest-message"));
        }

        Assert.Equal(RegistrationStatus.Cancelled, Assert.Single(await factory.RegistrationsAsync(id)).Status);
        Assert.Equal(0, (await factory.EventAsync(id)).ConfirmedCount);
    }

    [Fact]
    public async Task A_confirmed_guest_on_a_full_event_goes_to_the_waiting_list()
    {
        var id = await factory.CreateEventAsync(capacity: 1);
        var member = (await factory.CreatePersonAsync([Roles.MemberStaff]));
        var api = factory.CreateBearerClient(await factory.AccessTokenAsync(member));
        using (var taken = await api.PostAsync(new Uri($"/api/v1/events/{id}/registrations", UriKind.Relative), null, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        }

        var email = Address();
        var guest = factory.CreateBrowserLikeClient();
        using (var sent = await SubmitGuestAsync(guest, id, "Walter Warte", email))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var confirm = (await factory.Mailbox.WaitForMailAsync(email)).LinkPath("/veranstaltungen/gast/bestaetigen/");
        using var confirmed = await guest.SubmitFormAsync(confirm, new Dictionary<string, string>(), "#guest-link-form");

        Assert.Equal("waitlisted", (await confirmed.ParseAsync()).QuerySelector("#guest-message")!.GetAttribute("data-status"));
        Assert.Equal(1, (await factory.EventAsync(id)).ConfirmedCount);
    }

    [Fact]
    public async Task An_invalid_email_and_a_missing_required_answer_are_refused_in_German_and_nothing_is_stored()
    {
        var id = await factory.CreateEventAsync();
        var q = await factory.AddQuestionsAsync(id);
        var guest = factory.CreateBrowserLikeClient();

        using var response = await SubmitGuestAsync(guest, id, "Gerda Gast", "gerda-at-beispiel.de", new Dictionary<string, string> { ["answer-" + q.Car] = "Ja" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("gültige E-Mail-Adresse", page.QuerySelector("#Input_Email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Welchen Parkplatz brauchen Sie?", page.QuerySelector($"#answer-{q.Parking}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Gerda Gast", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<EventGuestRequest>().CountAsync(g => g.EventId == id, Ct)));
    }

    [Fact]
    public async Task The_same_email_twice_for_one_event_is_refused()
    {
        var id = await factory.CreateEventAsync();
        var email = Address();
        using (var first = await SubmitGuestAsync(factory.CreateBrowserLikeClient(), id, "Erste", email))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var second = await SubmitGuestAsync(factory.CreateBrowserLikeClient(), id, "Zweite", email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("bereits eine Gast-Anmeldung", (await second.ParseAsync()).QuerySelector("#Input_Email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await factory.EventQueryAsync(db => db.Set<EventGuestRequest>().CountAsync(g => g.EventId == id, Ct)));
        Assert.Single(await factory.Mailbox.MailsToAsync(email));
    }

    [Fact]
    public async Task Guests_cannot_register_for_members_only_or_invited_events()
    {
        var members = await factory.CreateEventAsync(audience: EventAudience.Members);
        var invited = await factory.CreateEventAsync(audience: EventAudience.Invited);
        var publicEvent = await factory.CreateEventAsync();
        var guest = factory.CreateBrowserLikeClient();
        await guest.GetDocumentAsync($"/veranstaltungen/{members}/gast", HttpStatusCode.NotFound);
        await guest.GetDocumentAsync($"/veranstaltungen/{invited}/gast", HttpStatusCode.NotFound);

        // A forged post (the form taken from a public event) to a members-only event stores nothing.
        var form = await guest.GetDocumentAsync($"/veranstaltungen/{publicEvent}/gast");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "Gerda Gast", ["Input.Email"] = Address(),
        });
        using var forged = await guest.PostAsync(new Uri($"/veranstaltungen/{members}/gast", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<EventGuestRequest>().CountAsync(g => g.EventId == members, Ct)));
        Assert.Empty(await factory.RegistrationsAsync(members));
        Assert.NotNull((await guest.GetDocumentAsync($"/veranstaltungen/{publicEvent}")).QuerySelector("#guest-register-link"));
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_reserves_nothing()
    {
        var id = await factory.CreateEventAsync(startUtc: factory.Clock.GetUtcNow().UtcDateTime.AddDays(10));
        var email = Address();
        var guest = factory.CreateBrowserLikeClient();
        using (var sent = await SubmitGuestAsync(guest, id, "Spät Dran", email))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var confirm = (await factory.Mailbox.WaitForMailAsync(email)).LinkPath("/veranstaltungen/gast/bestaetigen/");
        var page = await guest.GetDocumentAsync(confirm);
        factory.Clock.Advance(TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1));

        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var expired = await guest.PostAsync(new Uri(confirm, UriKind.Relative), content, Ct);

        Assert.Contains("abgelaufen", (await expired.ParseAsync()).QuerySelector("#guest-error")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await factory.RegistrationsAsync(id));
        Assert.NotNull((await guest.GetDocumentAsync(confirm)).QuerySelector("#guest-error"));

        // After expiry the same address may ask again and gets a new link.
        using var renewed = await SubmitGuestAsync(factory.CreateBrowserLikeClient(), id, "Spät Dran", email);
        Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
        await guest.GetDocumentAsync("/veranstaltungen/gast/bestaetigen/unbekannt");
    }

    private static string Address() => $"gast-{Guid.NewGuid():N}@beispiel.de";

    private static Task<HttpResponseMessage> SubmitGuestAsync(HttpClient client, Guid eventId, string name, string email, Dictionary<string, string>? answers = null)
    {
        var fields = new Dictionary<string, string>(answers ?? []) { ["Input.Name"] = name, ["Input.Email"] = email };
        return client.SubmitFormAsync($"/veranstaltungen/{eventId}/gast", fields, "#guest-form");
    }
}
