using System.Net;
using System.Text;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Auth;
using static Quartiersnetz.IntegrationTests.ProgrammeAreas.OfficeAreaTestSupport;

namespace Quartiersnetz.IntegrationTests.ProgrammeAreas;

/// <summary>The app with its files in a folder of its own and a plan limit of 1 MB, so "too large" needs no 20 MB upload.</summary>
public sealed class PlanFactory : QuartiersnetzFactory
{
    public PlanFactory()
    {
        FilesFolder = Path.Combine(Path.GetTempPath(), "qn-test-files", Guid.NewGuid().ToString("N"));
        WithSetting("Files:Path", FilesFolder);
        WithSetting(ProgrammeAreaPlan.MaxMegabytesKey, "1");
    }

    public string FilesFolder { get; }

    public IReadOnlyList<string> StoredPlans() =>
        Directory.Exists(Path.Combine(FilesFolder, "plans")) ? Directory.GetFiles(Path.Combine(FilesFolder, "plans")) : [];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(FilesFolder))
        {
            Directory.Delete(FilesFolder, recursive: true);
        }
    }
}

/// <summary>The office uploads, replaces and removes an area's plan (PDF only, size-limited), audited; deleting the area deletes the file.</summary>
public sealed class OfficeAreaPlanTests(PlanFactory factory) : IClassFixture<PlanFactory>
{
    private static byte[] Pdf(string text, int padding = 0) =>
        Encoding.ASCII.GetBytes("%PDF-1.7\n% " + text + "\n" + new string('x', padding) + "\n%%EOF\n");

    [Fact]
    public async Task A_pdf_is_stored_replaced_and_removed_and_each_step_is_audited()
    {
        var (office, id) = await CreateAreaAsync();
        var planPage = $"/geschaeftsstelle/programmgebiete/{id}/plan";

        using var uploaded = await office.PostMultipartAsync(planPage, "#plan-form", [new("title", "InHK Katernberg 2020")], "plan", Pdf("erste Fassung"), "inhk.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var first = await AreaAsync(id);
        Assert.Equal("InHK Katernberg 2020", first.PlanTitle);
        Assert.Matches("^plans/[0-9a-f]{32}-[0-9a-f]{32}\\.pdf$", first.PlanFileName);
        Assert.Contains("erste Fassung", Encoding.ASCII.GetString(await File.ReadAllBytesAsync(Path.Combine(factory.FilesFolder, first.PlanFileName!), TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        var page = await office.GetDocumentAsync(planPage);
        Assert.Contains("gespeichert", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("InHK Katernberg 2020", page.QuerySelector("#plan-state")?.TextContent, StringComparison.Ordinal);

        using var replaced = await office.PostMultipartAsync(planPage, "#plan-form", [], "plan", Pdf("zweite Fassung"), "neu.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var second = await AreaAsync(id);
        Assert.Equal("InHK Katernberg 2020", second.PlanTitle);
        Assert.NotEqual(first.PlanFileName, second.PlanFileName);
        Assert.False(File.Exists(Path.Combine(factory.FilesFolder, first.PlanFileName!)));
        Assert.True(File.Exists(Path.Combine(factory.FilesFolder, second.PlanFileName!)));

        using var removed = await office.PostFormAsync(planPage, "#plan-remove-form", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null((await AreaAsync(id)).PlanFileName);
        Assert.False(File.Exists(Path.Combine(factory.FilesFolder, second.PlanFileName!)));
        Assert.Equal(["area.created", "area.plan_uploaded", "area.plan_uploaded", "area.plan_removed"], (await factory.AuditEntriesAsync(id.ToString())).Select(e => e.Action));
    }

    [Fact]
    public async Task A_png_named_pdf_and_a_file_above_the_limit_are_refused_and_nothing_is_stored()
    {
        var (office, id) = await CreateAreaAsync();
        var planPage = $"/geschaeftsstelle/programmgebiete/{id}/plan";
        var before = factory.StoredPlans().Count;

        using var png = await office.PostMultipartAsync(planPage, "#plan-form", [], "plan", TestImages.Encode(SkiaSharp.SKEncodedImageFormat.Png, 20, 20), "konzept.pdf", "application/pdf");
        using var large = await office.PostMultipartAsync(planPage, "#plan-form", [], "plan", Pdf("groß", (1024 * 1024) + 10), "gross.pdf", "application/pdf");
        using var empty = await office.PostMultipartAsync(planPage, "#plan-form", [], "plan", [], "leer.pdf", "application/pdf");

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Contains("kein PDF-Dokument", (await png.ParseAsync()).QuerySelector("#plan-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
        Assert.Contains("höchstens 1 MB", await large.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("PDF-Datei aus", await empty.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Null((await AreaAsync(id)).PlanFileName);
        Assert.Equal(before, factory.StoredPlans().Count);
        Assert.DoesNotContain(await factory.AuditEntriesAsync(id.ToString()), e => e.Action == "area.plan_uploaded");
    }

    [Fact]
    public async Task Deleting_the_area_deletes_its_plan_file_and_other_roles_cannot_upload()
    {
        var (office, id) = await CreateAreaAsync();
        var planPage = $"/geschaeftsstelle/programmgebiete/{id}/plan";
        using var uploaded = await office.PostMultipartAsync(planPage, "#plan-form", [], "plan", Pdf("Konzept"), "konzept.pdf", "application/pdf");
        var key = (await AreaAsync(id)).PlanFileName!;
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        using var forbidden = await member.GetAsync(new Uri(planPage, UriKind.Relative), TestContext.Current.CancellationToken);
        using var deleted = await office.PostFormAsync($"/geschaeftsstelle/programmgebiete/{id}", "#delete-form", [new("confirm", "true")]);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(File.Exists(Path.Combine(factory.FilesFolder, key)));
    }

    private async Task<(HttpClient Office, Guid Id)> CreateAreaAsync()
    {
        var marker = Marker();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using var created = await office.PostFormAsync(NewPage, "#area-form", Fields("Konzept " + marker));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (office, Assert.Single(await factory.AreasNamedAsync(marker)).Id);
    }

    private Task<ProgrammeArea> AreaAsync(Guid id) =>
        factory.QueryAsync(db => db.Set<ProgrammeArea>().AsNoTracking().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken));
}
