using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>
/// Companions on the web forms (members and guests), and guests in the office's tools: cancelling from the participant
/// list, finding them by name and e-mail, seat offers and capacity moves that reach guests by mail.
/// </summary>
public sealed class GuestsAndCompanionsTests(SeatOfferFactory factory) : IClassFixture<SeatOfferFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_member_brings_companions_with_the_event_form_and_too_many_or_no_number_are_refused_in_German()
    {
        var id = await EventAsync(capacity: 3, companionsAllowed: 2);
        var member = await factory.SignedInAsAsync(await factory.CreatePersonAsync([Roles.MemberStaff]));
        var form = await member.GetDocumentAsync($"/veranstaltungen/{id}");
        Assert.Equal("Anzahl Begleitpersonen", form.QuerySelector("label[for='Companions']")!.TextContent.Trim());

        foreach (var (bad, message) in new[] { ("3", "höchstens 2 Begleitpersonen"), ("zwei", "ganze Zahl von 0 bis 2"), ("-1", "ganze Zahl von 0 bis 2") })
        {
            using var refused = await member.SubmitFormAsync($"/veranstaltungen/{id}", new Dictionary<string, string> { ["Companions"] = bad }, "#register-form");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.ParseAsync();
            Assert.Contains(message, page.QuerySelector("#Companions-error")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(bad, page.QuerySelector("#Companions")!.GetAttribute("value"));
        }

        Assert.Empty(await factory.RegistrationsAsync(id));

        using (var ok = await member.SubmitFormAsync($"/veranstaltungen/{id}", new Dictionary<string, string> { ["Companions"] = "2" }, "#register-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        var registration = Assert.Single(await factory.RegistrationsAsync(id));
        Assert.Equal((RegistrationStatus.Confirmed, 2), (registration.Status, registration.Companions));
        Assert.Equal(3, (await factory.EventAsync(id)).ConfirmedCount);

        // Full now: a party of two goes to the waiting list together (the use case's rule).
        var second = await factory.SignedInAsAsync(await factory.CreatePersonAsync([Roles.MemberStaff]));
        using (var waiting = await second.SubmitFormAsync($"/veranstaltungen/{id}", new Dictionary<string, string> { ["Companions"] = "1" }, "#register-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, waiting.StatusCode);
        }

        var party = (await factory.RegistrationsAsync(id)).Single(r => r.Id != registration.Id);
        Assert.Equal((RegistrationStatus.Waitlisted, 1), (party.Status, party.Companions));
        Assert.Equal(3, (await factory.EventAsync(id)).ConfirmedCount);

        // Without companions allowed the field is not asked.
        var plain = await EventAsync(capacity: 3, companionsAllowed: 0);
        Assert.Null((await member.GetDocumentAsync($"/veranstaltungen/{plain}")).QuerySelector("#Companions"));
    }

    [Fact]
    public async Task A_guest_asks_for_companions_too_many_are_refused_and_the_party_takes_its_seats_when_confirmed()
    {
        var id = await EventAsync(capacity: 5, companionsAllowed: 2);
        var guest = factory.CreateBrowserLikeClient();
        var email = Address();
        using (var refused = await GuestFormAsync(guest, id, "Gitte Gast", email, "4"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("höchstens 2 Begleitpersonen", (await refused.ParseAsync()).QuerySelector("#Input_Companions-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<EventGuestRequest>().CountAsync(g => g.EventId == id, Ct)));

        await ConfirmGuestAsync(guest, id, "Gitte Gast", email, "2");

        var registration = Assert.Single(await factory.RegistrationsAsync(id));
        Assert.Equal((RegistrationStatus.Confirmed, 2, (Guid?)null), (registration.Status, registration.Companions, registration.PersonId));
        Assert.Equal(3, (await factory.EventAsync(id)).ConfirmedCount);
    }

    [Fact]
    public async Task The_office_finds_a_guest_by_name_and_email_and_cancels_them_like_a_member_with_move_up_mails_and_audit()
    {
        var id = await EventAsync(capacity: 1);
        var guestEmail = Address();
        await ConfirmGuestAsync(factory.CreateBrowserLikeClient(), id, "Gustav Gastmann", guestEmail);
        var waiting = await factory.CreatePersonAsync([Roles.MemberStaff]);
        using (var queued = await factory.CreateBearerClient(await factory.AccessTokenAsync(waiting)).PostAsync(new Uri($"/api/v1/events/{id}/registrations", UriKind.Relative), null, Ct))
        {
            Assert.Equal("waitlisted", (await queued.JsonAsync()).GetProperty("status").GetString());
        }

        var guestRow = (await factory.RegistrationsAsync(id)).Single(r => r.PersonId is null);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var list = $"/geschaeftsstelle/veranstaltungen/{id}/teilnehmende";
        foreach (var search in new[] { "gastmann", guestEmail[..12].ToUpperInvariant() })
        {
            var found = await office.GetDocumentAsync($"{list}?suche={Uri.EscapeDataString(search)}");
            var rows = found.QuerySelectorAll("tbody tr");
            Assert.Single(rows);
            Assert.Contains("Gustav Gastmann", rows[0].TextContent, StringComparison.Ordinal);
        }

        Assert.Empty((await office.GetDocumentAsync($"{list}?suche=niemand-sonst")).QuerySelectorAll("tbody tr"));

        using var cancelled = await office.PressButtonAsync(list, $"button[formaction*='handler=Cancel'][value='{guestRow.Id}']");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var after = await factory.RegistrationsAsync(id);
        Assert.Equal(RegistrationStatus.Cancelled, after.Single(r => r.Id == guestRow.Id).Status);
        Assert.Equal(RegistrationStatus.Confirmed, after.Single(r => r.PersonId == waiting.Id).Status);
        Assert.Equal(1, (await factory.EventAsync(id)).ConfirmedCount);
        await factory.Mailbox.WaitForMailAsync(guestEmail, m => m.Subject.StartsWith("Abmeldung:", StringComparison.Ordinal));
        await factory.Mailbox.WaitForMailAsync(waiting.Email, m => m.Subject.StartsWith("Ein Platz ist frei geworden", StringComparison.Ordinal));
        var audit = Assert.Single(await factory.AuditEntriesAsync(id.ToString()), e => e.Action == "event.registration.cancelled");
        Assert.Contains("Gustav Gastmann", audit.Changes, StringComparison.Ordinal);

        // Cancelled twice: a clear message, nothing changes.
        using var again = await office.PostAsync(new Uri($"{list}?registrationId={guestRow.Id}&handler=Cancel", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = (await office.GetDocumentAsync(list)).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
            }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("bereits abgemeldet", (await office.GetDocumentAsync(list)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, (await factory.EventAsync(id)).ConfirmedCount);
    }

    [Fact]
    public async Task A_seat_offer_reaches_a_waiting_guest_with_a_link_that_accepts_without_an_account()
    {
        var (id, member) = await FullOfferEventAsync();
        var guestEmail = Address();
        var guest = factory.CreateBrowserLikeClient();
        await ConfirmGuestAsync(guest, id, "Olga Offerte", guestEmail);
        Assert.Equal(RegistrationStatus.Waitlisted, (await factory.RegistrationsAsync(id)).Single(r => r.PersonId is null).Status);

        await CancelMemberAsync(member, id);
        await RunNoticesAsync();

        var mail = await factory.Mailbox.WaitForMailAsync(guestEmail, m => m.TextBody.Contains("bitte bis", StringComparison.Ordinal));
        var accept = mail.LinkPath(GuestRegistration.OfferPath);
        Assert.EndsWith("?antwort=annehmen", accept, StringComparison.Ordinal);
        Assert.Contains("?antwort=ablehnen", mail.TextBody, StringComparison.Ordinal);
        var hash = await factory.EventQueryAsync(db => db.Set<EventGuestRequest>().Where(g => g.EventId == id).Select(g => g.OfferTokenHash).SingleAsync(Ct));
        Assert.Equal(64, hash!.Length);
        Assert.DoesNotContain(hash, accept, StringComparison.Ordinal);

        // Opening the link changes nothing; the button accepts.
        var page = await guest.GetDocumentAsync(accept);
        Assert.Contains("bitte bis", page.QuerySelector("#offer-deadline")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(RegistrationStatus.Offered, (await factory.RegistrationsAsync(id)).Single(r => r.PersonId is null).Status);
        using (var accepted = await guest.SubmitFormAsync(accept, new Dictionary<string, string>(), "#accept-offer-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        Assert.Equal(RegistrationStatus.Confirmed, (await factory.RegistrationsAsync(id)).Single(r => r.PersonId is null).Status);
        Assert.Equal(0, (await factory.EventAsync(id)).HeldSeats);
        await factory.Mailbox.WaitForMailAsync(guestEmail, m => m.Subject.StartsWith("Anmeldung bestätigt", StringComparison.Ordinal));
        Assert.NotNull((await guest.GetDocumentAsync(accept)).QuerySelector("#offer-none"));

        // A made-up or overlong link is unknown.
        await guest.GetDocumentAsync(GuestRegistration.OfferPath + "erfunden", HttpStatusCode.NotFound);
        await guest.GetDocumentAsync(GuestRegistration.OfferPath + new string('x', 150), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_guest_who_declines_the_offer_passes_it_on_and_no_guest_is_skipped()
    {
        var (id, member) = await FullOfferEventAsync();
        var guestEmail = Address();
        var guest = factory.CreateBrowserLikeClient();
        await ConfirmGuestAsync(guest, id, "Dieter Decline", guestEmail);
        var next = await factory.CreatePersonAsync([Roles.MemberStaff]);
        (await factory.CreateBearerClient(await factory.AccessTokenAsync(next)).PostAsync(new Uri($"/api/v1/events/{id}/registrations", UriKind.Relative), null, Ct)).Dispose();

        await CancelMemberAsync(member, id);
        await RunNoticesAsync();
        var decline = (await factory.Mailbox.WaitForMailAsync(guestEmail, m => m.TextBody.Contains("bitte bis", StringComparison.Ordinal))).Links()
            .Select(l => new Uri(l).PathAndQuery).Single(l => l.EndsWith("?antwort=ablehnen", StringComparison.Ordinal));

        using (var declined = await guest.SubmitFormAsync(decline, new Dictionary<string, string>(), "#decline-offer-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        }

        var rows = await factory.RegistrationsAsync(id);
        Assert.Equal(RegistrationStatus.Cancelled, rows.Single(r => r.PersonId is null).Status);
        Assert.Equal(RegistrationStatus.Offered, rows.Single(r => r.PersonId == next.Id).Status);
        await RunNoticesAsync();
        await factory.Mailbox.WaitForMailAsync(next.Email, m => m.TextBody.Contains("bitte bis", StringComparison.Ordinal));
        // Every notice was written: none is left behind for a guest.
        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<EventRegistration>().CountAsync(r => r.EventId == id && r.PendingNotice != null, Ct)));
    }

    [Fact]
    public async Task A_guest_moved_back_to_the_waiting_list_by_a_lower_capacity_gets_the_mail()
    {
        var office = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
        var id = await EventWaitlistToolsTests.CreateViaApiAsync(office, capacity: 2);
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);
        (await factory.CreateBearerClient(await factory.AccessTokenAsync(member)).PostAsync(new Uri($"/api/v1/events/{id}/registrations", UriKind.Relative), null, Ct)).Dispose();
        // The guest registers later, so "the last registered" is the guest, not a tie broken by ids.
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var guestEmail = Address();
        await ConfirmGuestAsync(factory.CreateBrowserLikeClient(), id, "Mona Moved", guestEmail);

        using var lowered = await office.PutAsJsonAsync($"/api/v1/events/{id}", EventTestSupport.EventBody(b =>
        {
            b["capacity"] = 1;
            b["capacityReduction"] = "MoveLastToWaitlist";
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        await RunNoticesAsync();

        Assert.Equal(RegistrationStatus.Waitlisted, (await factory.RegistrationsAsync(id)).Single(r => r.PersonId is null).Status);
        var mail = await factory.Mailbox.WaitForMailAsync(guestEmail, m => m.TextBody.Contains("ganz vorn", StringComparison.Ordinal));
        Assert.StartsWith("Änderung Ihrer Anmeldung", mail.Subject, StringComparison.Ordinal);
    }

    private async Task<Guid> EventAsync(int capacity, int companionsAllowed = 0)
    {
        var id = await factory.CreateEventAsync(capacity: capacity, startUtc: factory.Clock.GetUtcNow().UtcDateTime.AddDays(10));
        await factory.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == id, Ct);
            ev.CompanionsAllowed = companionsAllowed;
            return await db.SaveChangesAsync(Ct);
        });
        return id;
    }

    /// <summary>One seat with 48-hour offers, taken by a member.</summary>
    private async Task<(Guid Id, HttpClient Member)> FullOfferEventAsync()
    {
        var office = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
        var id = await EventWaitlistToolsTests.CreateViaApiAsync(office, capacity: 1, offerHours: 48);
        var member = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.MemberStaff])));
        using var registered = await member.PostAsync(new Uri($"/api/v1/events/{id}/registrations", UriKind.Relative), null, Ct);
        Assert.Equal("confirmed", (await registered.JsonAsync()).GetProperty("status").GetString());
        return (id, member);
    }

    private static async Task CancelMemberAsync(HttpClient member, Guid id)
    {
        using var cancelled = await member.DeleteAsync(new Uri($"/api/v1/events/{id}/registrations/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
    }

    private async Task RunNoticesAsync()
    {
        await using var scope = factory.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EventNotices>().RunAsync(Ct);
    }

    /// <summary>The guest form, then the confirmation link from the mail.</summary>
    private async Task ConfirmGuestAsync(HttpClient guest, Guid id, string name, string email, string? companions = null)
    {
        using (var sent = await GuestFormAsync(guest, id, name, email, companions))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var confirm = (await factory.Mailbox.WaitForMailAsync(email)).LinkPath(GuestRegistration.ConfirmPath);
        using var confirmed = await guest.SubmitFormAsync(confirm, new Dictionary<string, string>(), "#guest-link-form");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    private static Task<HttpResponseMessage> GuestFormAsync(HttpClient client, Guid eventId, string name, string email, string? companions)
    {
        var fields = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Email"] = email };
        if (companions is not null)
        {
            fields["Input.Companions"] = companions;
        }

        return client.SubmitFormAsync($"/veranstaltungen/{eventId}/gast", fields, "#guest-form");
    }

    private static string Address() => $"gast-{Guid.NewGuid():N}@beispiel.de";
}
