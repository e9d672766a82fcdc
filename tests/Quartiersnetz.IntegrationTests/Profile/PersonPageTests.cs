using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Profile;

public sealed class PersonPageTests(ProfileFactory factory) : IClassFixture<ProfileFactory>
{
    /// <summary>One detail per audience: function public, organisation for members, phone and e-mail for the office.</summary>
    private async Task<TestPerson> CreateSubjectAsync(ProfileVisibility nameVisibility = ProfileVisibility.Public)
    {
        var subject = await factory.CreatePersonAsync([Roles.Expert], u =>
        {
            u.DisplayName = "Dr. Sam Sichtbar";
            u.NameVisibility = nameVisibility;
            u.FunctionTitle = "Stadtforschung";
            u.FunctionVisibility = ProfileVisibility.Public;
            u.Organisation = "Institut für Quartiere";
            u.MunicipalityAgs = "05315000";
            u.OrganisationVisibility = ProfileVisibility.Members;
            u.PhoneNumber = "0221 123456";
            u.PhoneVisibility = ProfileVisibility.Office;
            u.EmailVisibility = ProfileVisibility.Office;
        });
        await factory.AssignPersonTopicsAsync(subject.Id, "verfuegungsfonds");
        return subject;
    }

    [Fact]
    public async Task Anonymous_visitors_see_only_public_details()
    {
        var subject = await CreateSubjectAsync();

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/personen/{subject.Id}");

        Assert.Equal("Dr. Sam Sichtbar", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("Stadtforschung", page.QuerySelector("#person-function")?.TextContent);
        Assert.Null(page.QuerySelector("#person-organisation"));
        Assert.Null(page.QuerySelector("#person-municipality"));
        Assert.Null(page.QuerySelector("#person-phone"));
        Assert.Null(page.QuerySelector("#person-email"));
        Assert.DoesNotContain("0221 123456", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(subject.Email, page.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_see_public_and_member_details()
    {
        var subject = await CreateSubjectAsync();
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);

        var page = await member.Client.GetDocumentAsync($"/personen/{subject.Id}");

        Assert.Equal("Stadtforschung", page.QuerySelector("#person-function")?.TextContent);
        Assert.Equal("Institut für Quartiere", page.QuerySelector("#person-organisation")?.TextContent);
        Assert.Equal("Köln, Stadt", page.QuerySelector("#person-municipality")?.TextContent);
        Assert.Null(page.QuerySelector("#person-phone"));
        Assert.Null(page.QuerySelector("#person-email"));
    }

    [Fact]
    public async Task A_signed_in_person_without_a_role_sees_what_the_public_sees()
    {
        var subject = await CreateSubjectAsync();
        var roleless = await factory.CreatePersonAsync([]);

        var page = await roleless.Client.GetDocumentAsync($"/personen/{subject.Id}");

        Assert.Null(page.QuerySelector("#person-organisation"));
    }

    [Fact]
    public async Task The_office_sees_every_detail()
    {
        var subject = await CreateSubjectAsync();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"/personen/{subject.Id}");

        Assert.Equal("Institut für Quartiere", page.QuerySelector("#person-organisation")?.TextContent);
        Assert.Equal("0221 123456", page.QuerySelector("#person-phone")?.TextContent);
        Assert.Equal(subject.Email, page.QuerySelector("#person-email")?.TextContent);
        Assert.Equal("Verfügungsfonds", page.QuerySelector("#person-topics a[href='/themen/verfuegungsfonds']")?.TextContent);
    }

    [Fact]
    public async Task A_person_sees_their_own_page_in_full()
    {
        var subject = await CreateSubjectAsync(ProfileVisibility.Office);

        var page = await subject.Client.GetDocumentAsync($"/personen/{subject.Id}");

        Assert.Equal("0221 123456", page.QuerySelector("#person-phone")?.TextContent);
    }

    [Fact]
    public async Task A_person_whose_name_only_the_office_may_see_does_not_exist_for_others()
    {
        var subject = await CreateSubjectAsync(ProfileVisibility.Office);
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        await factory.CreateBrowserLikeClient().GetDocumentAsync($"/personen/{subject.Id}", HttpStatusCode.NotFound);
        await member.Client.GetDocumentAsync($"/personen/{subject.Id}", HttpStatusCode.NotFound);
        var page = await office.GetDocumentAsync($"/personen/{subject.Id}");
        Assert.Equal("Dr. Sam Sichtbar", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task The_kept_page_is_shared_per_kind_of_viewer_and_follows_a_saved_change()
    {
        var subject = await CreateSubjectAsync();
        var member = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var otherMember = await factory.CreatePersonAsync([Roles.Expert]);
        var roleless = await factory.CreatePersonAsync([]);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var url = $"/personen/{subject.Id}";

        // The office's page, read first, is never what members get, nor theirs what the public gets.
        Assert.Equal("0221 123456", (await office.GetDocumentAsync(url)).QuerySelector("#person-phone")?.TextContent);
        var forMember = await member.Client.GetDocumentAsync(url);
        Assert.Equal("Institut für Quartiere", forMember.QuerySelector("#person-organisation")?.TextContent);
        Assert.Null(forMember.QuerySelector("#person-phone"));
        var forOtherMember = await otherMember.Client.GetDocumentAsync(url);
        Assert.Equal("Institut für Quartiere", forOtherMember.QuerySelector("#person-organisation")?.TextContent);
        Assert.Null(forOtherMember.QuerySelector("#person-phone"));
        Assert.Null((await roleless.Client.GetDocumentAsync(url)).QuerySelector("#person-organisation"));
        Assert.Equal("0221 123456", (await subject.Client.GetDocumentAsync(url)).QuerySelector("#person-phone")?.TextContent);

        // The person hides the organisation from members: the members' kept page follows at once.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Quartiersnetz.Data.QuartiersnetzDbContext>();
            var account = await db.Users.SingleAsync(u => u.Id == subject.Id, TestContext.Current.CancellationToken);
            account.OrganisationVisibility = ProfileVisibility.Office;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Null((await otherMember.Client.GetDocumentAsync(url)).QuerySelector("#person-organisation"));
        Assert.Equal("Institut für Quartiere", (await office.GetDocumentAsync(url)).QuerySelector("#person-organisation")?.TextContent);
    }

    [Fact]
    public async Task An_unknown_person_is_not_found()
    {
        await factory.CreateBrowserLikeClient().GetDocumentAsync($"/personen/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }
}
