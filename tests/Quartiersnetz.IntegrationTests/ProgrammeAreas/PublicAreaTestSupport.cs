using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ProgrammeAreas;

/// <summary>Arranges programme areas, their contacts and topics straight in the database (the write side is tested elsewhere).</summary>
internal static class PublicAreaTestSupport
{
    public const string Boundary =
        """{"type":"Polygon","coordinates":[[[7.10,51.50],[7.12,51.50],[7.12,51.52],[7.10,51.52],[7.10,51.50]]]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Marker() => Guid.NewGuid().ToString("N")[..8];

    public static async Task<ProgrammeArea> CreateAreaAsync(
        this QuartiersnetzFactory factory, string name, string ags, Action<ProgrammeArea>? configure = null)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var area = NewArea(name, ags);
        configure?.Invoke(area);
        db.Add(area);
        await db.SaveChangesAsync(Ct);
        return area;
    }

    public static ProgrammeArea NewArea(string name, string ags) => new()
    {
        Name = name,
        SortKey = GermanSortKey.For(name),
        MunicipalityAgs = ags,
        Latitude = 51.51,
        Longitude = 7.11,
        CreatedAtUtc = DateTime.UtcNow,
        UpdatedAtUtc = DateTime.UtcNow,
    };

    public static async Task AddAreasAsync(this QuartiersnetzFactory factory, IEnumerable<ProgrammeArea> areas)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.AddRange(areas);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>A person whose name has the given visibility, made contact of the area.</summary>
    public static async Task<TestPerson> CreateContactAsync(
        this QuartiersnetzFactory factory, Guid areaId, string name, ProfileVisibility nameVisibility, string role, bool deactivated = false)
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], displayName: name);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var account = await db.Users.SingleAsync(u => u.Id == person.Id, Ct);
        account.NameVisibility = nameVisibility;
        if (deactivated)
        {
            account.LockoutEnabled = true;
            account.LockoutEnd = AccountActivation.DeactivatedUntil;
        }

        db.Add(new ProgrammeAreaContact { AreaId = areaId, PersonId = person.Id, Role = role });
        await db.SaveChangesAsync(Ct);
        return person;
    }

    /// <summary>A topic with a unique name, optionally tagged on areas (item key: the id as text, as AssignTopics writes it).</summary>
    public static async Task<Topic> CreateTopicForAreasAsync(this QuartiersnetzFactory factory, string name, Guid? parentId, params Guid[] areaIds)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var topic = Topic.Create($"{name} {Marker()}", parentId, null);
        db.Add(topic);
        foreach (var id in areaIds)
        {
            db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = TopicKinds.ProgrammeArea, ItemKey = id.ToString() });
        }

        await db.SaveChangesAsync(Ct);
        return topic;
    }
}
