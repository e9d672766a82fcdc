using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The app over a clock the test moves; the offer job's own pass is left to poll rarely so the test drives it.</summary>
public sealed class SeatOfferFactory : QuartiersnetzFactory
{
    public SeatOfferFactory()
    {
        WithServices(services => ReplaceSingleton<TimeProvider>(services, Clock));
        WithSetting("Events:OfferPollInterval", "01:00:00");
        // The test moves the clock by days; access tokens must outlive that.
        WithSetting("ApiTokens:AccessTokenLifetime", "30.00:00:00");
    }

    public MovableClock Clock { get; } = new();
}

/// <summary>Time-limited offers of a freed seat: offer mail, accept, decline, expiry, and the seat held meanwhile.</summary>
public sealed class SeatOfferTests(SeatOfferFactory factory) : IClassFixture<SeatOfferFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_freed_seat_is_offered_to_the_next_person_held_and_confirmed_when_accepted()
    {
        var (eventId, first, next, _) = await ArrangeAsync();

        using (var cancelled = await first.Api.DeleteAsync(new Uri($"/api/v1/events/{eventId}/registrations/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        var offered = (await factory.RegistrationsAsync(eventId)).Single(r => r.PersonId == next.Person.Id);
        Assert.Equal(RegistrationStatus.Offered, offered.Status);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddHours(48), offered.OfferExpiresUtc!.Value, TimeSpan.FromSeconds(1));
        var ev = await factory.EventAsync(eventId);
        Assert.Equal(1, ev.ConfirmedCount); // the seat is held
        Assert.Equal(1, ev.HeldSeats);
        // Nobody else can take the held seat.
        var newcomer = await factory.CreateAccountsAsync(1);
        var late = await RegisterDirectAsync(eventId, newcomer[0]);
        Assert.Equal("waitlisted", late.Registration!.Status);

        await RunNoticesAsync();
        // The waiting-list mail came first; the offer is its own mail.
        var mail = await factory.Mailbox.WaitForMailAsync(next.Person.Email, m => m.TextBody.Contains("bitte bis", StringComparison.Ordinal));
        var text = Flat(mail.TextBody);
        Assert.Contains("Ein Platz ist frei geworden — bitte bis", text, StringComparison.Ordinal);
        Assert.Contains($"/veranstaltungen/{eventId}/platzangebot?antwort=annehmen", text, StringComparison.Ordinal);
        Assert.Contains($"/veranstaltungen/{eventId}/platzangebot?antwort=ablehnen", text, StringComparison.Ordinal);

        using var accepted = await next.Api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations/me/offer/accept", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("confirmed", (await accepted.JsonAsync()).GetProperty("status").GetString());
        ev = await factory.EventAsync(eventId);
        Assert.Equal(1, ev.ConfirmedCount);
        Assert.Equal(0, ev.HeldSeats);
        await factory.Mailbox.WaitForMailAsync(next.Person.Email, m => m.Subject.StartsWith("Anmeldung bestätigt", StringComparison.Ordinal));
        // The mail is written once, even when the job runs again.
        await RunNoticesAsync();
        Assert.Single(await factory.Mailbox.MailsToAsync(next.Person.Email), m => m.TextBody.Contains("bitte bis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_declined_offer_passes_on_to_the_next_person()
    {
        var (eventId, first, next, third) = await ArrangeAsync();
        using (await first.Api.DeleteAsync(new Uri($"/api/v1/events/{eventId}/registrations/me", UriKind.Relative), Ct))
        {
        }

        using var declined = await next.Api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations/me/offer/decline", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal("cancelled", (await declined.JsonAsync()).GetProperty("status").GetString());
        var rows = await factory.RegistrationsAsync(eventId);
        Assert.Equal(RegistrationStatus.Offered, rows.Single(r => r.PersonId == third.Person.Id).Status);
        Assert.Equal(1, (await factory.EventAsync(eventId)).HeldSeats);
        // Declining again: there is no offer any more.
        using var again = await next.Api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations/me/offer/decline", UriKind.Relative), null, Ct);
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_expired_offer_cannot_be_accepted_and_the_job_passes_it_on()
    {
        var (eventId, first, next, third) = await ArrangeAsync();
        using (await first.Api.DeleteAsync(new Uri($"/api/v1/events/{eventId}/registrations/me", UriKind.Relative), Ct))
        {
        }

        factory.Clock.Advance(TimeSpan.FromHours(49));
        using var accepted = await next.Api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations/me/offer/accept", UriKind.Relative), null, Ct);

        var problem = await accepted.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("abgelaufen", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(RegistrationStatus.Offered, (await factory.RegistrationsAsync(eventId)).Single(r => r.PersonId == next.Person.Id).Status);

        await RunNoticesAsync();

        var rows = await factory.RegistrationsAsync(eventId);
        Assert.Equal(RegistrationStatus.Cancelled, rows.Single(r => r.PersonId == next.Person.Id).Status);
        Assert.Equal(RegistrationStatus.Offered, rows.Single(r => r.PersonId == third.Person.Id).Status);
        var ev = await factory.EventAsync(eventId);
        Assert.Equal(1, ev.ConfirmedCount);
        Assert.Equal(1, ev.HeldSeats);
        var mail = await factory.Mailbox.WaitForMailAsync(third.Person.Email, m => m.Subject.Contains("Ein Platz ist frei geworden", StringComparison.Ordinal));
        Assert.Contains("bitte bis", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_offer_page_shows_the_deadline_and_accepts_with_the_form()
    {
        var (eventId, first, next, _) = await ArrangeAsync();
        using (await first.Api.DeleteAsync(new Uri($"/api/v1/events/{eventId}/registrations/me", UriKind.Relative), Ct))
        {
        }

        var browser = await factory.SignedInAsAsync(next.Person);
        var page = await browser.GetDocumentAsync($"/veranstaltungen/{eventId}/platzangebot?antwort=annehmen");
        Assert.Contains("bitte bis", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        using var response = await browser.SubmitFormAsync($"/veranstaltungen/{eventId}/platzangebot?antwort=annehmen", new Dictionary<string, string>(), "#accept-offer-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, (await factory.RegistrationsAsync(eventId)).Single(r => r.PersonId == next.Person.Id).Status);
    }

    private async Task RunNoticesAsync()
    {
        await using var scope = factory.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EventNotices>().RunAsync(Ct);
    }

    private async Task<RegisterForEvent.Outcome> RegisterDirectAsync(Guid eventId, Guid personId)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await RegisterForEvent.HandleAsync(db, factory.Clock, new RegistrationActor(personId, false, true), eventId, null, Ct);
    }

    /// <summary>An event with one seat and 48-hour offers: the first person confirmed, two waiting.</summary>
    private async Task<(Guid EventId, Member First, Member Next, Member Third)> ArrangeAsync()
    {
        var office = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
        var eventId = await EventWaitlistToolsTests.CreateViaApiAsync(office, capacity: 1, offerHours: 48);
        var members = new List<Member>();
        for (var i = 0; i < 3; i++)
        {
            var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
            var api = factory.CreateBearerClient(await factory.AccessTokenAsync(person));
            using var registered = await api.PostAsync(new Uri($"/api/v1/events/{eventId}/registrations", UriKind.Relative), null, Ct);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            members.Add(new Member(person, api));
        }

        return (eventId, members[0], members[1], members[2]);
    }

    private static string Flat(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    internal sealed record Member(TestPerson Person, HttpClient Api);
}
