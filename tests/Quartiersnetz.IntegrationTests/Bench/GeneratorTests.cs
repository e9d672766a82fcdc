using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Bench;
using Quartiersnetz.Bench.Generation;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.IntegrationTests.Bench;

/// <summary>The app over a database the bench generator filled once, with a small custom scale.</summary>
public sealed class GeneratedNetwork : IAsyncLifetime
{
    internal static readonly GeneratorScale Scale = new("test", SyntheticMunicipalities: 12, ProgrammeAreas: 15, People: 80, Topics: 30, Organisations: 12,
        new EventScale(Events: 40, Series: 2, Registrations: 300, ParticipantListRegistrations: 30, BurstMembers: 10, BurstCapacity: 3, MemberRegistrations: 5));

    public const int Seed = 7;

    public QuartiersnetzFactory App { get; } = new();

    public async ValueTask InitializeAsync() => await GenerateIntoAsync(App);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>Runs the generator against a started app's database, as the query-count tests do.</summary>
    internal static async Task<GeneratorSummary> GenerateIntoAsync(QuartiersnetzFactory app)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await DataGenerator.GenerateAsync(db, Scale, Seed, progress: null, CancellationToken.None);
    }
}

/// <summary>
/// bench generate (issue 8): the generated data keeps the app's invariants, is reproducible from its seed, and the
/// load driver's accounts can sign in. Runs on both providers like every integration test.
/// </summary>
public sealed class GeneratorTests(GeneratedNetwork network) : IClassFixture<GeneratedNetwork>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private QuartiersnetzFactory App => network.App;

    [Fact]
    public async Task Synthetic_municipalities_are_marked_and_have_keys_of_a_real_Kreis_from_900_up()
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var municipalities = await db.Set<Municipality>().AsNoTracking().ToListAsync(Ct);
        var districts = await db.Set<District>().AsNoTracking().Select(d => d.Ags).ToListAsync(Ct);

        var synthetic = municipalities.Where(m => DataGenerator.IsSynthetic(m.Ags)).ToList();
        var real = municipalities.Except(synthetic).ToList();

        Assert.Equal(GeneratedNetwork.Scale.SyntheticMunicipalities, synthetic.Count);
        Assert.Equal(396, real.Count);
        Assert.All(real, m => Assert.DoesNotContain("synthetisch", m.Name, StringComparison.Ordinal));
        Assert.All(synthetic, m =>
        {
            Assert.Matches("^05[0-9]{3}9[0-9]{2}$", m.Ags);
            Assert.Contains(m.Ags[..5], districts);
            Assert.Equal(m.Ags[..5], m.DistrictAgs);
            Assert.Equal(m.Ags[..5] + "0000" + m.Ags[5..], m.Ars);
            Assert.EndsWith(" (synthetisch)", m.Name, StringComparison.Ordinal);
            Assert.Equal(m.Name, m.ShortName);
            Assert.Equal(GermanSortKey.For(m.ShortName), m.SortKey);
            Assert.InRange(m.Population, 2_000, 60_000);
            Assert.InRange(m.AreaKm2, 0.5m, 70m);
            Assert.Matches("^[0-9]{5}$", m.PostalCode);
            // The outline passes the app's own check for an area inside NRW and inside this municipality.
            var check = AreaGeometry.CheckBoundary(m.BoundaryGeoJson!, m.BoundaryGeoJson, m.Name);
            Assert.True(check.Boundary is not null, $"{m.Ags}: {check.Error}");
        });
    }

    [Fact]
    public async Task Every_generated_area_passes_the_apps_boundary_check_for_its_municipality()
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var areas = await db.Set<ProgrammeArea>().AsNoTracking().ToListAsync(Ct);
        var municipalities = await db.Set<Municipality>().AsNoTracking().ToDictionaryAsync(m => m.Ags, Ct);
        var contacts = await db.Set<ProgrammeAreaContact>().AsNoTracking().ToListAsync(Ct);
        var people = await db.Users.AsNoTracking().Select(u => u.Id).ToListAsync(Ct);

        Assert.Equal(GeneratedNetwork.Scale.ProgrammeAreas, areas.Count);
        Assert.All(areas, area =>
        {
            var municipality = municipalities[area.MunicipalityAgs];
            var check = AreaGeometry.CheckBoundary(area.BoundaryGeoJson!, municipality.BoundaryGeoJson, municipality.Name);
            Assert.True(check.Boundary is not null, $"{area.Name} ({area.MunicipalityAgs}): {check.Error}");
            Assert.InRange(AreaGeometry.Read(area.BoundaryGeoJson)!.NumPoints, 41, 201);
            Assert.False(string.IsNullOrEmpty(area.MapGeoJson));
            Assert.InRange(area.SizeHectares!.Value, 20m, 300m);
            Assert.False(string.IsNullOrWhiteSpace(area.Description));
            Assert.Equal(GermanSortKey.For(area.Name), area.SortKey);
        });
        Assert.All(contacts, c => Assert.Contains(c.PersonId, people));
    }

    [Fact]
    public async Task Generated_events_have_their_counts_and_the_burst_tokens_register_their_accounts_up_to_the_capacity()
    {
        await using (var scope = App.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var events = GeneratedNetwork.Scale.EventCounts;
            Assert.Equal(events.Events, await db.Set<Event>().CountAsync(Ct));
            Assert.Equal(events.Registrations, await db.Set<EventRegistration>().CountAsync(Ct));
            Assert.Equal(events.ParticipantListRegistrations, await db.Set<EventRegistration>().CountAsync(r => r.EventId == BenchAccounts.ParticipantListEventId, Ct));
        }

        // The generator stored the tokens hashed as the app does: each one signs its own account in for the API.
        var statuses = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var client = App.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/events/{BenchAccounts.BurstEventId}/registrations", UriKind.Relative));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BenchAccounts.BurstToken(i));
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            statuses.Add(json.RootElement.GetProperty("status").GetString()!);
        }

        Assert.Equal(["confirmed", "confirmed", "confirmed", "waitlisted", "waitlisted"], statuses);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_data_in_another_database()
    {
        await using var other = new QuartiersnetzFactory();
        _ = await GeneratedNetwork.GenerateIntoAsync(other);

        var first = await SnapshotAsync(App);
        var second = await SnapshotAsync(other);

        Assert.Equal(GeneratedNetwork.Scale.People, first.People.Count);
        Assert.Equal(first.Municipalities, second.Municipalities);
        Assert.Equal(first.People, second.People);
        Assert.Equal(first.Areas, second.Areas);
        Assert.Equal(first.Organisations, second.Organisations);
    }

    [Fact]
    public async Task The_public_people_list_shows_generated_people_only_as_their_visibility_allows()
    {
        await using var scope = App.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var domain = "@" + BenchAccounts.EmailDomain.ToUpperInvariant();
        var generated = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail!.EndsWith(domain))
            .Select(u => new
            {
                u.Id, u.NameVisibility, u.PhoneVisibility, u.EmailVisibility, u.LockoutEnd,
                Listed = u.IsExternalContact || db.Set<ConsentRecord>().Any(c => c.UserId == u.Id && c.Kind == ConsentKinds.DirectoryListing && c.WithdrawnAtUtc == null),
            })
            .ToDictionaryAsync(u => u.Id, Ct);
        var expected = generated.Values
            .Where(u => u.NameVisibility == ProfileVisibility.Public && u.Listed && !AccountActivation.IsDeactivated(u.LockoutEnd))
            .Select(u => u.Id).Order().ToList();

        var anonymous = App.CreateClient();
        var shown = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            using var response = await anonymous.GetAsync(new Uri($"/api/v1/people?pageSize=100&page={page}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            shown.AddRange(items);
            if (items.Count < 100)
            {
                break;
            }
        }

        var shownGenerated = shown.Where(e => generated.ContainsKey(e.GetProperty("id").GetGuid())).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < generated.Count, "The generator should mix visibilities and consents.");
        Assert.Equal(expected, shownGenerated.Select(e => e.GetProperty("id").GetGuid()).Order().ToList());
        Assert.All(shownGenerated, e =>
        {
            var person = generated[e.GetProperty("id").GetGuid()];
            // A detail shown to the public only when its visibility is public (the generator mixes all three).
            Assert.Equal(person.EmailVisibility == ProfileVisibility.Public, e.GetProperty("email").ValueKind == JsonValueKind.String);
            if (person.PhoneVisibility != ProfileVisibility.Public)
            {
                Assert.Equal(JsonValueKind.Null, e.GetProperty("phone").ValueKind);
            }
        });
    }

    [Fact]
    public async Task The_office_bench_account_signs_in_with_password_and_a_code_from_the_published_key()
    {
        var client = App.CreateBrowserLikeClient();
        using var first = await client.SubmitFormAsync("/anmelden", new Dictionary<string, string>
        {
            ["Input.Email"] = BenchAccounts.OfficeEmail,
            ["Input.Password"] = BenchAccounts.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var secondStep = first.Headers.Location!.OriginalString;
        Assert.StartsWith("/anmelden/zwei-faktor", secondStep, StringComparison.Ordinal);

        using var second = await client.SubmitFormAsync(secondStep, new Dictionary<string, string>
        {
            ["Input.Code"] = TotpCodes.Code(BenchAccounts.OfficeAuthenticatorKey),
        });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        _ = await client.GetDocumentAsync("/geschaeftsstelle");

        var member = App.CreateBrowserLikeClient();
        await member.SignInAsync(BenchAccounts.MemberEmail, BenchAccounts.Password);
        using var experts = await member.GetAsync(new Uri("/api/v1/experts?q=Quartier", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, experts.StatusCode);
    }

    [Fact]
    public async Task The_bench_password_passes_the_apps_password_rules()
    {
        await using var scope = App.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<UserAccount>>();
        var office = await users.FindByEmailAsync(BenchAccounts.OfficeEmail);
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, office!, BenchAccounts.Password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    [Fact]
    public async Task A_restart_that_reimports_the_reference_data_leaves_the_synthetic_municipalities_alone()
    {
        var before = await SnapshotAsync(App);
        await using (var scope = App.CreateScope())
        {
            // Forget that the files were imported, so the next start compares and updates every reference row.
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Set<ReferenceDataImport>().ExecuteDeleteAsync(Ct);
        }

        await using var restarted = QuartiersnetzFactory.On(App.Database, App.Smtp);
        _ = restarted.Services;
        var after = await SnapshotAsync(restarted);

        await using var check = restarted.CreateScope();
        var imports = await check.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<ReferenceDataImport>().CountAsync(Ct);
        Assert.Equal(3, imports);
        Assert.Equal(before.Municipalities, after.Municipalities);
        Assert.Equal(before.Areas, after.Areas);
    }

    [Fact]
    public async Task The_generator_refuses_a_database_that_already_holds_generated_data()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GeneratedNetwork.GenerateIntoAsync(App));
        Assert.Contains("already holds generated data", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--scale huge --provider sqlite --connection Data_Source=x.db")]
    [InlineData("--scale small --provider oracle --connection Data_Source=x.db")]
    [InlineData("--scale small --provider sqlite")]
    [InlineData("--scale small --provider sqlite --connection Data_Source=x.db --seed zwei")]
    [InlineData("--scale small --provider sqlite --connection")]
    [InlineData("--scale small --verbose")]
    public async Task Bad_arguments_end_with_exit_code_1(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Replace('_', ' ')).ToArray();
        Assert.Equal(1, await GenerateCommand.RunAsync(args));
    }

    [Fact]
    public async Task The_command_prepares_an_empty_database_and_generates_the_small_scale()
    {
        await using var database = TestDatabase.Create();
        var provider = database.Provider.ToLowerInvariant();
        string[] args = ["--scale", "small", "--provider", provider, "--connection", database.ConnectionString, "--seed", "3"];

        Assert.Equal(0, await GenerateCommand.RunAsync(args));
        Assert.Equal(1, await GenerateCommand.RunAsync(args));

        var settings = new DatabaseSettings(Enum.Parse<DatabaseProvider>(database.Provider), database.ConnectionString);
        var options = new DbContextOptionsBuilder<QuartiersnetzDbContext>();
        settings.Apply(options);
        await using var db = new QuartiersnetzDbContext(options.Options);
        Assert.Equal(396 + GeneratorScale.Small.SyntheticMunicipalities, await db.Set<Municipality>().CountAsync(Ct));
        Assert.Equal(GeneratorScale.Small.People, await db.Users.CountAsync(Ct));
        Assert.Equal(GeneratorScale.Small.ProgrammeAreas, await db.Set<ProgrammeArea>().CountAsync(Ct));
        Assert.Equal(GeneratorScale.Small.Topics, await db.Set<Features.Topics.Topic>().CountAsync(Ct));
        Assert.Equal(Roles.All.Count, await db.Roles.CountAsync(Ct));
    }

    private static async Task<Snapshot> SnapshotAsync(QuartiersnetzFactory app)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var domain = "@" + BenchAccounts.EmailDomain.ToUpperInvariant();
        var municipalities = (await db.Set<Municipality>().AsNoTracking().ToListAsync(Ct))
            .Where(m => DataGenerator.IsSynthetic(m.Ags)).OrderBy(m => m.Ags, StringComparer.Ordinal)
            .Select(m => $"{m.Ags} {m.Name} {m.Population} {m.BoundaryGeoJson}").ToList();
        var people = (await db.Users.AsNoTracking().Where(u => u.NormalizedEmail!.EndsWith(domain))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.MunicipalityAgs, u.NameVisibility }).ToListAsync(Ct))
            .OrderBy(u => u.Id).Select(u => $"{u.Id} {u.DisplayName} {u.Email} {u.MunicipalityAgs} {u.NameVisibility}").ToList();
        var areas = (await db.Set<ProgrammeArea>().AsNoTracking().Select(a => new { a.Id, a.Name, a.MunicipalityAgs, a.BoundaryGeoJson }).ToListAsync(Ct))
            .OrderBy(a => a.Id).Select(a => $"{a.Id} {a.Name} {a.MunicipalityAgs} {a.BoundaryGeoJson}").ToList();
        var organisations = (await db.Set<Features.Organisations.Organisation>().AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(Ct))
            .OrderBy(o => o.Id).Select(o => $"{o.Id} {o.Name}").ToList();
        return new Snapshot(municipalities, people, areas, organisations);
    }

    private sealed record Snapshot(List<string> Municipalities, List<string> People, List<string> Areas, List<string> Organisations);
}
