using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;

namespace Quartiersnetz.Features.Map;

/// <summary>The filter of the map, its table and its data, as the query string names it (programm, thema, bezirk).</summary>
internal sealed record MapFilterInput(string? Programme, string? Topic, string? Region)
{
    public const string ProgrammeParameter = "programm";
    public const string TopicParameter = "thema";
    public const string RegionParameter = "bezirk";
}

/// <summary>A chosen topic: the Handlungsfeld or sub-topic and, for a Handlungsfeld, its sub-topics too.</summary>
internal sealed record TopicFilter(string Slug, string Name, IReadOnlyList<Guid> TopicIds);

/// <summary>A Regierungsbezirk as the reference data name it.</summary>
internal sealed record RegionOption(string Code, string Name);

/// <summary>The filter that applies: only values that exist; what did not exist is named in <see cref="Errors"/>.</summary>
internal sealed record MapFilter(UrbanDevelopmentProgramme? Programme, TopicFilter? Topic, RegionOption? Region, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsEmpty => Programme is null && Topic is null && Region is null;

    /// <summary>The query string of the filter that applies, e.g. "?programm=LebendigeZentren"; empty when none.</summary>
    public IReadOnlyDictionary<string, string?> Query => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [MapFilterInput.ProgrammeParameter] = Programme?.ToString(),
        [MapFilterInput.TopicParameter] = Topic?.Slug,
        [MapFilterInput.RegionParameter] = Region?.Code,
    };
}

/// <summary>Turns raw filter values into the filter that applies, with a German message for each value that does not exist.</summary>
internal static class ResolveMapFilter
{
    private const int EchoLength = 60;

    public static async Task<List<RegionOption>> RegionsAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
        (await db.Set<District>().AsNoTracking()
            .Select(d => new { d.RegionCode, d.RegionName })
            .Distinct()
            .OrderBy(r => r.RegionCode)
            .ToListAsync(cancellationToken))
        .ConvertAll(r => new RegionOption(r.RegionCode, r.RegionName));

    public static async Task<MapFilter> HandleAsync(
        QuartiersnetzDbContext db, MapFilterInput input, IReadOnlyList<RegionOption> regions, IStringLocalizer l, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        UrbanDevelopmentProgramme? programme = null;
        if (Trimmed(input.Programme) is { } programmeValue)
        {
            // Only the names: Enum.TryParse alone would also take "3" or "1,2".
            if (programmeValue.All(char.IsAsciiLetter) && Enum.TryParse<UrbanDevelopmentProgramme>(programmeValue, ignoreCase: true, out var parsed))
            {
                programme = parsed;
            }
            else
            {
                errors[MapFilterInput.ProgrammeParameter] = l["Das Programm „{0}“ gibt es nicht. Der Filter nach Programm wird nicht angewendet.", Echo(programmeValue)];
            }
        }

        TopicFilter? topic = null;
        if (Trimmed(input.Topic) is { } slug)
        {
            var found = slug.Length <= Topic.SlugMaxLength ? await TopicLookup.FindAsync(db, slug, cancellationToken) : null;
            if (found is null)
            {
                errors[MapFilterInput.TopicParameter] = l["Das Thema „{0}“ gibt es nicht. Der Filter nach Thema wird nicht angewendet.", Echo(slug)];
            }
            else
            {
                // A Handlungsfeld stands for its sub-topics as well: an area tagged "Verfügungsfonds" belongs to its field.
                var subTopics = await db.Set<Topic>().AsNoTracking()
                    .Where(t => t.ParentId == found.Id && t.Status == TopicStatus.Active)
                    .Select(t => t.Id).ToListAsync(cancellationToken);
                topic = new TopicFilter(found.Slug, found.Name, [found.Id, .. subTopics]);
            }
        }

        RegionOption? region = null;
        if (Trimmed(input.Region) is { } code)
        {
            // By code ("053") or by name, with or without the "Reg.-Bez." of the reference data ("Köln").
            var key = GermanSortKey.For(code);
            region = regions.FirstOrDefault(r => r.Code == code)
                ?? regions.FirstOrDefault(r => GermanSortKey.For(r.Name) == key
                    || GermanSortKey.For(r.Name.Replace("Reg.-Bez.", "", StringComparison.Ordinal)) == key);
            if (region is null)
            {
                errors[MapFilterInput.RegionParameter] = l["Den Regierungsbezirk „{0}“ gibt es nicht. Der Filter nach Regierungsbezirk wird nicht angewendet.", Echo(code)];
            }
        }

        return new MapFilter(programme, topic, region, errors);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Echo(string value) => value.Length > EchoLength ? value[..EchoLength] + "…" : value;
}
