using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Topics;

/// <summary>An active topic in the API.</summary>
internal sealed record TopicSummary(string Slug, string Name, string? ParentSlug);

/// <summary>An active topic with its description and active sub-topics.</summary>
internal sealed record TopicDetails(string Slug, string Name, string? ParentSlug, string? Description, IReadOnlyList<TopicSummary> SubTopics);

internal static class TopicsApi
{
    public static RouteGroupBuilder MapTopicsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/topics").WithTags("Themen").AllowAnonymous().CacheOutput(PublicPageCache.PolicyName);
        group.MapGet("", ListAsync)
            .WithName("ListTopics")
            .WithSummary("Themen (Handlungsfelder) auflisten")
            .WithDescription("Alle aktiven Themen in deutscher alphabetischer Reihenfolge; Unterthemen nennen das übergeordnete Thema (parentSlug).");
        group.MapGet("/{slug}", GetAsync)
            .WithName("GetTopic")
            .WithSummary("Ein Thema abrufen")
            .WithDescription("slug: Adresse des Themas, z. B. verfuegungsfonds. Ein zusammengeführtes Thema liefert das Thema, in das es zusammengeführt wurde.");
        return api;
    }

    private static async Task<Ok<List<TopicSummary>>> ListAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        var topics = await db.Set<Topic>().AsNoTracking().Where(t => t.Status == TopicStatus.Active).OrderBy(t => t.SortKey)
            .Select(t => new { t.Id, t.Slug, t.Name, t.ParentId }).ToListAsync(cancellationToken);
        var slugs = topics.ToDictionary(t => t.Id, t => t.Slug);
        return TypedResults.Ok(topics.Select(t => new TopicSummary(t.Slug, t.Name, t.ParentId is { } p ? slugs.GetValueOrDefault(p) : null)).ToList());
    }

    private static async Task<Results<Ok<TopicDetails>, ProblemHttpResult>> GetAsync(
        string slug, QuartiersnetzDbContext db, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var topic = await TopicLookup.FindAsync(db, slug, cancellationToken);
        if (topic is null)
        {
            return TypedResults.Problem(l["Es gibt kein aktives Thema mit der Adresse „{0}“.", slug], statusCode: StatusCodes.Status404NotFound);
        }

        var parentSlug = topic.ParentId is { } parentId
            ? await db.Set<Topic>().AsNoTracking().Where(t => t.Id == parentId && t.Status == TopicStatus.Active).Select(t => t.Slug).SingleOrDefaultAsync(cancellationToken)
            : null;
        var subTopics = await db.Set<Topic>().AsNoTracking().Where(t => t.ParentId == topic.Id && t.Status == TopicStatus.Active).OrderBy(t => t.SortKey)
            .Select(t => new TopicSummary(t.Slug, t.Name, topic.Slug)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TopicDetails(topic.Slug, topic.Name, parentSlug, topic.Description, subTopics));
    }
}
