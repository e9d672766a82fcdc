using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Search;

/// <summary>
/// Searching as the public, a member and the office: members-only and invitation-only events, a person whose name only
/// members may see, deactivated and unlisted people never show more than the caller may see — not in titles, snippets
/// or facet counts.
/// </summary>
public sealed class SearchVisibilityTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    [Fact]
    public async Task Each_audience_finds_only_what_it_may_see()
    {
        var anonymous = fixture.Factory.CreateClient();
        var member = await fixture.Factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var office = await fixture.Factory.CreateClientSignedInAsync(Roles.Office);

        async Task<List<string>> Titles(HttpClient client, string q) => SearchFixture.Titles(await SearchFixture.SearchAsync(client, "q=" + Uri.EscapeDataString(q)));

        Assert.Empty(await Titles(anonymous, "Zwergflusspferd"));
        Assert.Contains("Mitgliederversammlung Zwergflusspferd", await Titles(member, "Zwergflusspferd"));
        Assert.Contains("Mitgliederversammlung Zwergflusspferd", await Titles(office, "Zwergflusspferd"));

        Assert.Empty(await Titles(anonymous, "Lenkungskreis"));
        Assert.Empty(await Titles(member, "Lenkungskreis"));
        Assert.Contains("Steuerungsrunde Lenkungskreis", await Titles(office, "Lenkungskreis"));

        Assert.Empty(await Titles(anonymous, "Nebelkrähe"));
        Assert.Contains("Bartholomäus Nebelkrähe", await Titles(member, "Nebelkrähe"));
        Assert.Contains("Bartholomäus Nebelkrähe", await Titles(office, "Nebelkrähe"));

        foreach (var hidden in new[] { "Wüstenspringmaus", "Feldlerche" })
        {
            Assert.Empty(await Titles(anonymous, hidden));
            Assert.Empty(await Titles(member, hidden));
            Assert.Single(await Titles(office, hidden));
        }
    }

    [Fact]
    public async Task Hidden_items_do_not_show_in_snippets_or_facet_counts()
    {
        var anonymous = fixture.Factory.CreateClient();
        var member = await fixture.Factory.CreateClientSignedInAsync(Roles.MemberStaff);

        // "Quartier" occurs in the members' event and (as a function) with the person whose name only members see.
        var publicAnswer = await SearchFixture.SearchAsync(anonymous, "q=Quartier");
        var publicText = publicAnswer.GetRawText();
        Assert.DoesNotContain("Zwergflusspferd", publicText, StringComparison.Ordinal);
        Assert.DoesNotContain("Nebelkr", publicText, StringComparison.Ordinal);
        Assert.DoesNotContain("Quartierskoordinator", publicText, StringComparison.Ordinal);
        Assert.Equal(1, SearchFixture.FacetCount(publicAnswer, "kind", "event"));
        Assert.Equal(0, SearchFixture.FacetCount(publicAnswer, "year", "2026"));
        Assert.Equal(0, SearchFixture.FacetCount(publicAnswer, "municipality", "05515000"));
        Assert.Equal(0, SearchFixture.FacetCount(publicAnswer, "municipality", "05711000"));

        var memberAnswer = await SearchFixture.SearchAsync(member, "q=Quartier");
        Assert.Equal(2, SearchFixture.FacetCount(memberAnswer, "kind", "event"));
        Assert.Equal(1, SearchFixture.FacetCount(memberAnswer, "year", "2026"));
        Assert.Contains("Bartholomäus Nebelkrähe", SearchFixture.Titles(memberAnswer));

        // The page applies the same rules.
        var page = await anonymous.GetStringAsync(new Uri("/suche?q=Quartier", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Zwergflusspferd", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Nebelkr", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_members_publication_and_a_draft_never_show_to_the_public_not_even_by_their_full_text()
    {
        var anonymous = fixture.Factory.CreateClient();
        var member = await fixture.Factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var office = await fixture.Factory.CreateClientSignedInAsync(Roles.Office);

        foreach (var word in new[] { "Seidenreiher", "Moorfroschteich" })
        {
            Assert.Empty(SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=" + word)));
            Assert.Equal([SearchFixture.MembersStudy], SearchFixture.Titles(await SearchFixture.SearchAsync(member, "q=" + word)));
        }

        Assert.Empty(SearchFixture.Titles(await SearchFixture.SearchAsync(member, "q=Kormoranweiher")));
        Assert.Equal([SearchFixture.DraftDocumentation], SearchFixture.Titles(await SearchFixture.SearchAsync(office, "q=Kormoranweiher")));

        // A word in every publication's file: the public answer carries no trace of the other two, not in counts either.
        var publicAnswer = await SearchFixture.SearchAsync(anonymous, "q=Stadterneuerung");
        var publicText = publicAnswer.GetRawText();
        foreach (var hidden in new[] { "Seidenreiher", "Moorfrosch", "Kormoran", "Uhutreffen", "vertrauliche" })
        {
            Assert.DoesNotContain(hidden, publicText, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(2, publicAnswer.GetProperty("total").GetInt64());
        Assert.Equal(2, SearchFixture.FacetCount(publicAnswer, "kind", "publication"));
        Assert.Equal(0, SearchFixture.FacetCount(publicAnswer, "type", "Fachstudie"));
        Assert.Equal(0, SearchFixture.FacetCount(publicAnswer, "type", "Dokumentation"));
        Assert.Equal(0, SearchFixture.FacetCount(publicAnswer, "year", "2025"));

        var memberAnswer = await SearchFixture.SearchAsync(member, "q=Stadterneuerung");
        Assert.Equal(3, SearchFixture.FacetCount(memberAnswer, "kind", "publication"));
        Assert.Equal(1, SearchFixture.FacetCount(memberAnswer, "type", "Fachstudie"));
        Assert.Equal(0, SearchFixture.FacetCount(memberAnswer, "type", "Dokumentation"));
        Assert.Contains("Moorfrosch", memberAnswer.GetRawText(), StringComparison.Ordinal);

        var officeAnswer = await SearchFixture.SearchAsync(office, "q=Stadterneuerung");
        Assert.Equal(1, SearchFixture.FacetCount(officeAnswer, "type", "Dokumentation"));

        var page = await anonymous.GetStringAsync(new Uri("/suche?q=Stadterneuerung", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Seidenreiher", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Moorfrosch", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Fachstudie\"", page, StringComparison.Ordinal);
    }
}
