using System.Net;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.IntegrationTests.Profile;

public sealed class ProfileEditTests(ProfileFactory factory) : IClassFixture<ProfileFactory>
{
    private const string ProfilePage = "/konto/profil";
    private const string Duesseldorf = "05111000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Account_overview_links_to_every_account_page_and_the_header_links_to_it()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);

        var page = await person.Client.GetDocumentAsync("/konto");

        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/konto/profil", links);
        Assert.Contains("/konto/sicherheit", links);
        Assert.Contains("/konto/zugangstoken", links);
        Assert.Contains("/konto/meine-daten", links);
        Assert.Contains("/konto/loeschen", links);
        Assert.Contains($"/personen/{person.Id}", links);
        Assert.Equal("Mein Konto", page.QuerySelector("header a[href='/konto']")?.TextContent);
        Assert.Contains("Mitarbeitende", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SiteRoutes.SignedInTheory), MemberType = typeof(SiteRoutes))]
    public async Task Account_pages_open_for_a_signed_in_person_without_a_role(string path)
    {
        var person = await factory.CreatePersonAsync([]);

        var page = await person.Client.GetDocumentAsync(path);

        Assert.NotNull(page.QuerySelector("main h1"));
    }

    [Fact]
    public async Task Account_pages_send_anonymous_visitors_to_sign_in()
    {
        var anonymous = factory.CreateBrowserLikeClient();
        foreach (var path in SiteRoutes.SignedIn.Append("/konto/meine-daten/download"))
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/anmelden", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Saves_profile_details_visibilities_topics_and_the_directory_consent()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);

        using var response = await person.Client.SubmitFormAsync(ProfilePage, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "  Jördis Ünal  ",
            ["Input.NameVisibility"] = "Public",
            ["Input.FunctionTitle"] = "Quartiersmanagement",
            ["Input.FunctionVisibility"] = "Members",
            ["Input.Organisation"] = "Stadt Düsseldorf",
            ["Input.MunicipalityAgs"] = Duesseldorf,
            ["Input.OrganisationVisibility"] = "Public",
            ["Input.Phone"] = "+49 (211) 899-0",
            ["Input.PhoneVisibility"] = "Office",
            ["Input.EmailVisibility"] = "Members",
            ["Input.PhotoVisibility"] = "Public",
            ["Input.Topics"] = "verfuegungsfonds",
            ["Input.ListInDirectory"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/konto/profil?gespeichert=true", response.Headers.Location!.OriginalString);
        var account = (await factory.FindAccountAsync(person.Id))!;
        Assert.Equal("Jördis Ünal", account.DisplayName);
        Assert.Equal(ProfileVisibility.Public, account.NameVisibility);
        Assert.Equal("Quartiersmanagement", account.FunctionTitle);
        Assert.Equal("Stadt Düsseldorf", account.Organisation);
        Assert.Equal(Duesseldorf, account.MunicipalityAgs);
        Assert.Equal("+49 (211) 899-0", account.PhoneNumber);
        Assert.Equal(ProfileVisibility.Office, account.PhoneVisibility);
        Assert.Equal(ProfileVisibility.Public, account.PhotoVisibility);
        Assert.Equal(["verfuegungsfonds"], await factory.PersonTopicSlugsAsync(person.Id));
        var consent = await factory.QueryAsync(db => db.Set<ConsentRecord>().AsNoTracking()
            .SingleAsync(c => c.UserId == person.Id && c.Kind == ConsentKinds.DirectoryListing, Ct));
        Assert.Equal(PrivacyNotice.Version, consent.TextVersion);
        Assert.Null(consent.WithdrawnAtUtc);

        var page = await person.Client.GetDocumentAsync(response.Headers.Location.OriginalString);
        Assert.Contains("gespeichert", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Jördis Ünal", page.QuerySelector("#Input_DisplayName")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector($"#Input_MunicipalityAgs option[value='{Duesseldorf}'][selected]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Topics'][value='verfuegungsfonds'][checked]"));
        Assert.NotNull(page.QuerySelector("#Input_ListInDirectory[checked]"));
        Assert.Contains(person.Email, page.QuerySelector(".profile-email")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_the_396_municipalities_sorted_by_name()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);

        var page = await person.Client.GetDocumentAsync(ProfilePage);

        var options = page.QuerySelectorAll("#Input_MunicipalityAgs option").Skip(1).Select(o => o.TextContent).ToList();
        Assert.Equal(396, options.Count);
        Assert.StartsWith("Aachen", options[0], StringComparison.Ordinal);
        Assert.StartsWith("Zülpich", options[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unticking_the_directory_box_withdraws_the_consent_and_ticking_it_again_records_a_new_one()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        using (var given = await person.Client.SubmitFormAsync(ProfilePage, new Dictionary<string, string> { ["Input.ListInDirectory"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        }

        // The form posts its own values; leaving out the checkbox is what unticking it sends.
        using (var withdrawn = await PostWithoutAsync(person.Client, "Input.ListInDirectory"))
        {
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        }

        var consents = await Consents(person.Id);
        Assert.NotNull(Assert.Single(consents).WithdrawnAtUtc);

        using (var again = await person.Client.SubmitFormAsync(ProfilePage, new Dictionary<string, string> { ["Input.ListInDirectory"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        consents = await Consents(person.Id);
        Assert.Equal(2, consents.Count);
        Assert.Single(consents, c => c.WithdrawnAtUtc is null);
    }

    public static TheoryData<string, string, string> InvalidInput() => new()
    {
        { "Input.DisplayName", "   ", "Bitte geben Sie Ihren Namen ein." },
        { "Input.DisplayName", new string('x', 201), "Der Name darf höchstens 200 Zeichen haben." },
        { "Input.FunctionTitle", new string('x', 201), "Die Funktion darf höchstens 200 Zeichen haben." },
        { "Input.Organisation", new string('x', 301), "Die Organisation darf höchstens 300 Zeichen haben." },
        { "Input.Phone", "0211 ruf mich an", "Die Telefonnummer darf nur Ziffern" },
        { "Input.Phone", new string('1', 51), "Die Telefonnummer darf höchstens 50 Zeichen haben." },
        { "Input.MunicipalityAgs", "99999999", "Bitte wählen Sie eine Gemeinde aus der Liste." },
        { "Input.Topics", "Raumfahrt", "Bitte wählen Sie nur Themenfelder aus der Liste." },
        { "Input.NameVisibility", "Everyone", "ungültig" },
    };

    [Theory]
    [MemberData(nameof(InvalidInput))]
    public async Task Refuses_invalid_input_with_a_German_message_and_stores_nothing(string field, string value, string message)
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);

        using var response = await person.Client.SubmitFormAsync(ProfilePage, new Dictionary<string, string>
        {
            ["Input.FunctionTitle"] = "Soll nicht gespeichert werden",
            [field] = value,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        var account = (await factory.FindAccountAsync(person.Id))!;
        Assert.Null(account.FunctionTitle);
        Assert.Equal("Profil Person", account.DisplayName);
        Assert.Empty(await factory.PersonTopicSlugsAsync(person.Id));
    }

    [Fact]
    public async Task A_municipal_coordinator_cannot_move_to_another_municipality()
    {
        var person = await factory.CreatePersonAsync([Roles.MunicipalCoordinator], u => u.MunicipalityAgs = Duesseldorf);

        var page = await person.Client.GetDocumentAsync(ProfilePage);
        Assert.NotNull(page.QuerySelector("#Input_MunicipalityAgs[disabled]"));
        using var response = await person.Client.SubmitFormAsync(ProfilePage, new Dictionary<string, string>
        {
            ["Input.MunicipalityAgs"] = "05315000",
            ["Input.FunctionTitle"] = "Koordination",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = (await factory.FindAccountAsync(person.Id))!;
        Assert.Equal(Duesseldorf, account.MunicipalityAgs);
        Assert.Equal("Koordination", account.FunctionTitle);
    }

    private async Task<List<ConsentRecord>> Consents(Guid userId) =>
        await factory.QueryAsync(db => db.Set<ConsentRecord>().AsNoTracking()
            .Where(c => c.UserId == userId && c.Kind == ConsentKinds.DirectoryListing).ToListAsync(Ct));

    private static async Task<HttpResponseMessage> PostWithoutAsync(HttpClient client, string omitted)
    {
        var page = await client.GetDocumentAsync(ProfilePage);
        var form = page.QuerySelectorAll("main form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().Single(f => f.QuerySelector("#Input_DisplayName") is not null);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>())
        {
            if (input.Name == omitted || (input.Type is "checkbox" && !input.IsChecked))
            {
                continue;
            }

            values.Add(new(input.Name!, input.Value));
        }

        foreach (var select in form.QuerySelectorAll("select[name]").OfType<AngleSharp.Html.Dom.IHtmlSelectElement>())
        {
            values.Add(new(select.Name!, select.Value ?? ""));
        }

        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(ProfilePage, UriKind.Relative), content, Ct);
    }
}
