using System.Globalization;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Expertise;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.ExpertFinder;

/// <summary>One reason why a person is listed, already in German; links to the item when the source gave one.</summary>
internal sealed record ExpertReason(string Text, string? Url);

/// <summary>A person in the expert finder's result: only details the viewer may see are filled.</summary>
internal sealed record ExpertHit(
    Guid Id, string Name, string? Function, string? Organisation, string? Municipality, int Score, IReadOnlyList<ExpertReason> Reasons);

/// <summary>
/// "Wer kennt sich aus mit …?": resolves a topic and/or free text to topics and words, asks every evidence source once,
/// adds up the evidence per person and lists the people the viewer may see, strongest evidence first (ties by name).
/// The number of queries is fixed: the topic tree, one per source, one for who may be listed, one for the page.
/// </summary>
internal static class FindExperts
{
    public const int MaxTextLength = 100;

    /// <summary>What was asked; names are those of the API (the page maps its German query names onto them).</summary>
    internal sealed record Request(string? Topic, string? Text, string? Municipality, string? District, string? Region, string? Role)
    {
        public bool IsEmpty => string.IsNullOrWhiteSpace(Topic) && string.IsNullOrWhiteSpace(Text);
    }

    /// <summary>The search after resolving: the topics to look for and the folded words, plus what the viewer picked.</summary>
    internal sealed record Resolved(IReadOnlyList<Guid> TopicIds, IReadOnlyList<string> Words, TopicChoice? Topic, IReadOnlyList<TopicChoice> MatchedTopics);

    /// <summary>Who looks: the audience for visibility, and their own id (they always see themselves).</summary>
    internal sealed record Viewer(ProfileViewer Audience, Guid? Self);

    // Folded forms (GermanSortKey) of words that say nothing about a topic.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "und", "oder", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "mit", "fur", "von", "vom",
        "zu", "zum", "zur", "im", "in", "am", "an", "auf", "aus", "bei", "wer", "was", "wie", "kennt", "sich", "uber", "mich", "ich",
    };

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', ',', ';', '.', ':', '/', '(', ')', '"', '\'', '„', '“', '”', '!', '?', '&', '+'];

    /// <summary>
    /// Checks the request and resolves topic and text. Field names of the errors are the API's; messages are German.
    /// A request without topic and text is not an error here: callers answer it with a hint (page) or a problem (API).
    /// </summary>
    public static async Task<(Resolved? Search, Dictionary<string, string> Errors)> ResolveAsync(
        QuartiersnetzDbContext db, IReadOnlyList<TopicGroup> tree, Request request, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = tree.SelectMany(g => g.SubTopics.Prepend(g.Topic)).ToList();
        TopicChoice? chosen = null;
        if (!string.IsNullOrWhiteSpace(request.Topic))
        {
            var slug = request.Topic.Trim();
            chosen = all.FirstOrDefault(t => t.Slug == slug);
            if (chosen is null && slug.Length <= Topic.SlugMaxLength && await TopicLookup.FindAsync(db, slug, cancellationToken) is { } merged)
            {
                // A merged topic's old address still works: it searches the topic it was merged into.
                chosen = all.FirstOrDefault(t => t.Id == merged.Id);
            }

            if (chosen is null)
            {
                errors["topic"] = l["Das Thema „{0}“ gibt es nicht. Bitte wählen Sie ein Thema aus der Liste.", Shorten(slug)];
            }
        }

        var text = request.Text?.Trim();
        if (text?.Length > MaxTextLength)
        {
            errors["q"] = l["Der Suchtext darf höchstens {0} Zeichen haben.", MaxTextLength];
        }

        await CheckFiltersAsync(db, request, errors, l, cancellationToken);
        if (errors.Count > 0 || request.IsEmpty)
        {
            return (null, errors);
        }

        var words = Words(text);
        var matched = all.Where(t => Matches(t.Name, words)).ToList();
        var topicIds = new HashSet<Guid>();
        foreach (var topic in matched.Append(chosen).OfType<TopicChoice>())
        {
            topicIds.Add(topic.Id);
            // A Handlungsfeld stands for all its sub-topics.
            foreach (var sub in tree.FirstOrDefault(g => g.Topic.Id == topic.Id)?.SubTopics ?? [])
            {
                topicIds.Add(sub.Id);
            }
        }

        return (new Resolved([.. topicIds], words, chosen, matched), errors);
    }

    /// <summary>The ranked people of one search for one audience, and who had evidence but is not listed for it.</summary>
    private sealed record Ranking(IReadOnlyList<RankedExpert> Ranked, IReadOnlySet<Guid> Unlisted);

    private sealed record RankedExpert(Guid Id, int Score, IReadOnlyList<ExpertiseEvidence> Evidence);

    /// <summary>
    /// The ranking depends on the audience and the search, not on who asks, so it is shared per audience
    /// (<see cref="AudienceDataCache"/>): gathering evidence and checking who may be listed is the expensive part. Only a
    /// viewer who has evidence but is not listed for their audience (they always see themselves) gets their own ranking.
    /// The page's details are read per request, so the viewer's own entry still shows what only they may see.
    /// </summary>
    public static async Task<PagedResult<ExpertHit>> SearchAsync(
        QuartiersnetzDbContext db, IEnumerable<IExpertiseEvidenceSource> sources, IStringLocalizer<Texts> l, AudienceDataCache cache, Viewer viewer,
        Resolved search, Request filters, PageRequest page, CancellationToken cancellationToken)
    {
        Ranking ranking;
        if (!cache.Enabled)
        {
            ranking = await RankAsync(db, sources, viewer, search, filters, cancellationToken);
        }
        else
        {
            ranking = await cache.GetOrCreateAsync(
                CacheKey(viewer.Audience, search, filters),
                AudienceDataCache.SavedChangeTags,
                r => 1 + (r.Ranked.Count / 10) + (r.Unlisted.Count / 40),
                () => RankAsync(db, sources, viewer with { Self = null }, search, filters, cancellationToken));
            if (viewer.Self is { } self && ranking.Unlisted.Contains(self))
            {
                ranking = await RankAsync(db, sources, viewer, search, filters, cancellationToken);
            }
        }

        var onPage = ranking.Ranked.Skip(page.Skip).Take(page.PageSize).ToList();
        var hits = await ProjectAsync(db, viewer, [.. onPage.Select(r => r.Id)], cancellationToken);
        var items = onPage.Select(r => hits[r.Id] with { Score = r.Score, Reasons = Explain(r.Evidence, l) }).ToList();
        return new PagedResult<ExpertHit>(items, page.Page, page.PageSize, ranking.Ranked.Count);
    }

    private static string CacheKey(ProfileViewer audience, Resolved search, Request filters) => string.Join('\u001f',
    [
        "experts", audience.ToString(),
        string.Join(',', search.TopicIds.Order()), string.Join(',', search.Words),
        Blank(filters.Municipality) ?? "", Blank(filters.District) ?? "", Blank(filters.Region) ?? "", Blank(filters.Role) ?? "",
    ]);

    private static async Task<Ranking> RankAsync(
        QuartiersnetzDbContext db, IEnumerable<IExpertiseEvidenceSource> sources, Viewer viewer, Resolved search, Request filters,
        CancellationToken cancellationToken)
    {
        var query = new ExpertiseQuery(search.TopicIds, search.Words);
        var evidence = new List<ExpertiseEvidence>();
        // One after the other: they share the request's DbContext.
        foreach (var source in sources)
        {
            evidence.AddRange(await source.FindAsync(query, cancellationToken));
        }

        var byPerson = evidence
            .GroupBy(e => (e.PersonId, e.Kind, e.Summary, e.SummaryOne, e.Url, Arguments: string.Join('\u001f', e.Arguments)))
            .Select(g => g.First() with { Count = g.Sum(e => e.Count), Weight = g.Sum(e => e.Weight) })
            .GroupBy(e => e.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Weight).ThenBy(e => e.Kind, StringComparer.Ordinal).ToList());
        if (byPerson.Count == 0)
        {
            return new Ranking([], new HashSet<Guid>());
        }

        var listed = await ListablePeopleAsync(db, viewer, [.. byPerson.Keys], filters, cancellationToken);
        var ranked = listed
            .Where(p => !AccountActivation.IsDeactivated(p.LockoutEnd))
            .Select(p => (p.Id, Key: p.SortKey, Score: byPerson[p.Id].Sum(e => e.Weight)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Id)
            .Select(p => new RankedExpert(p.Id, p.Score, byPerson[p.Id]))
            .ToList();
        var unlisted = byPerson.Keys.ToHashSet();
        unlisted.ExceptWith(ranked.Select(r => r.Id));
        return new Ranking(ranked, unlisted);
    }

    /// <summary>The folded words of a free text, without stop words and one-letter words.</summary>
    public static IReadOnlyList<string> Words(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : GermanSortKey.For(text).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => w.Trim('-'))
                .Where(w => w.Length >= 2 && !StopWords.Contains(w))
                .Distinct(StringComparer.Ordinal)
                .ToList();

    /// <summary>
    /// A word of four letters or more may stand inside a topic name ("fonds" finds Verfügungsfonds); a shorter one
    /// must begin a word of it ("EU" finds EU-Förderung but not "neue").
    /// </summary>
    private static bool Matches(string topicName, IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return false;
        }

        var key = GermanSortKey.For(topicName);
        var parts = key.Split([' ', '-', ',', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        return words.Any(w => w.Length >= 4 ? key.Contains(w, StringComparison.Ordinal) : parts.Any(p => p.StartsWith(w, StringComparison.Ordinal)));
    }

    private static List<ExpertReason> Explain(IEnumerable<ExpertiseEvidence> evidence, IStringLocalizer<Texts> l) =>
        evidence.Select(e =>
        {
            var template = e.Count == 1 && e.SummaryOne is not null ? e.SummaryOne : e.Summary;
            object[] arguments = [e.Count.ToString("N0", BerlinTime.Culture), .. e.Arguments];
            return new ExpertReason(l[template, arguments].Value, e.Url);
        }).ToList();

    private sealed record Listable(Guid Id, string SortKey, DateTimeOffset? LockoutEnd);

    /// <summary>
    /// The people among the candidates the viewer may see by name, narrowed by the filters. Places are filtered only
    /// where the viewer may see them (the municipality shares the organisation's visibility), so a filter cannot reveal
    /// a hidden detail. Outside the office, only people who agreed to the directory listing (or external contacts,
    /// whom the office keeps) are listed, as on topic and municipality pages.
    /// </summary>
    private static async Task<List<Listable>> ListablePeopleAsync(
        QuartiersnetzDbContext db, Viewer viewer, List<Guid> candidates, Request filters, CancellationToken cancellationToken)
    {
        var visible = Enum.GetValues<ProfileVisibility>().Where(v => ProfileVisibilityRules.CanSee(v, viewer.Audience)).ToList();
        var self = viewer.Self ?? Guid.Empty;
        var isOffice = viewer.Audience >= ProfileViewer.Office;
        // One JSON parameter rather than one per candidate: hundreds of candidates would make a new statement each time.
        var query = db.Users.AsNoTracking().Where(u => EF.Parameter(candidates).Contains(u.Id));
        if (!isOffice)
        {
            // Per row: the candidates are a few hundred of 25,000 people, not worth reading every consent record.
            query = ProfileVisibilityRules.ListedFor(query, db, visible, self, probePerRow: true);
        }

        var municipality = Blank(filters.Municipality);
        var district = Blank(filters.District);
        var region = Blank(filters.Region);
        if (municipality is not null || district is not null || region is not null)
        {
            query = query.Where(u => u.MunicipalityAgs != null && (isOffice || u.Id == self || visible.Contains(u.OrganisationVisibility)));
            if (municipality is not null)
            {
                query = query.Where(u => u.MunicipalityAgs == municipality);
            }

            if (district is not null)
            {
                query = query.Where(u => u.MunicipalityAgs!.StartsWith(district));
            }

            if (region is not null)
            {
                query = query.Where(u => u.MunicipalityAgs!.StartsWith(region));
            }
        }

        if (Blank(filters.Role) is { } role)
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }

        return await query.Select(u => new Listable(u.Id, u.SortKey, u.LockoutEnd)).ToListAsync(cancellationToken);
    }

    private static async Task<Dictionary<Guid, ExpertHit>> ProjectAsync(
        QuartiersnetzDbContext db, Viewer viewer, List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new
            {
                u.Id, u.DisplayName, u.FunctionTitle, u.FunctionVisibility, u.Organisation, u.OrganisationVisibility,
                DirectoryOrganisation = db.Set<Organisation>().Where(o => o.Id == u.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                Municipality = db.Set<Municipality>().Where(m => m.Ags == u.MunicipalityAgs).Select(m => m.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r =>
        {
            var seenBy = r.Id == viewer.Self ? ProfileViewer.Self : viewer.Audience;
            var organisationVisible = ProfileVisibilityRules.CanSee(r.OrganisationVisibility, seenBy);
            return new ExpertHit(
                r.Id,
                r.DisplayName,
                ProfileVisibilityRules.CanSee(r.FunctionVisibility, seenBy) ? r.FunctionTitle : null,
                organisationVisible ? r.DirectoryOrganisation ?? r.Organisation : null,
                organisationVisible ? r.Municipality : null,
                0,
                []);
        });
    }

    /// <summary>
    /// The page's municipality field takes a name, because a list of all 1,400 municipalities made every answer of the
    /// page 100 KB heavier: a Gemeindeschlüssel (8 digits) is used as it is; a name is looked up by its short name or its
    /// folded form (any case, accents folded), within the chosen Kreis if there is one. No match or several matches give a German
    /// message naming the candidates with their Kreis and key.
    /// </summary>
    public static async Task<(string? Ags, string? Error)> MunicipalityFromTextAsync(
        QuartiersnetzDbContext db, string? typed, string? district, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var value = Blank(typed);
        if (value is null || (value.Length == 8 && value.All(char.IsAsciiDigit)))
        {
            return (value, null);
        }

        if (value.Length > MaxTextLength)
        {
            return (null, l["Eine Gemeinde „{0}“ gibt es in NRW nicht. Bitte prüfen Sie die Schreibweise.", Shorten(value)]);
        }

        var key = GermanSortKey.For(value);
        var within = Blank(district) ?? "";
        var candidates = await db.Set<Municipality>().AsNoTracking()
            .Where(m => (m.SortKey == key || m.ShortName == value || m.Name == value) && m.Ags.StartsWith(within))
            .OrderBy(m => m.SortKey).ThenBy(m => m.Ags)
            .Select(m => new { m.Ags, m.ShortName, District = db.Set<District>().Where(d => d.Ags == m.DistrictAgs).Select(d => d.Name).FirstOrDefault() })
            .Take(10)
            .ToListAsync(cancellationToken);
        var exact = candidates.Where(c => string.Equals(c.ShortName, value, StringComparison.OrdinalIgnoreCase)).ToList();
        return exact.Count == 1 ? (exact[0].Ags, null)
            : candidates.Count == 1 ? (candidates[0].Ags, null)
            : candidates.Count == 0 ? (null, l["Eine Gemeinde „{0}“ gibt es in NRW nicht. Bitte prüfen Sie die Schreibweise.", Shorten(value)])
            : (null, l["Mehrere Gemeinden heißen „{0}“: {1}. Bitte wählen Sie zusätzlich den Kreis oder geben Sie den Gemeindeschlüssel ein.",
                Shorten(value), string.Join("; ", candidates.Select(c => $"{c.ShortName} ({c.District}, {c.Ags})"))]);
    }

    private static async Task CheckFiltersAsync(
        QuartiersnetzDbContext db, Request request, Dictionary<string, string> errors, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (Blank(request.Municipality) is { } ags && !await db.Set<Municipality>().AnyAsync(m => m.Ags == ags, cancellationToken))
        {
            errors["municipality"] = l["Die Gemeinde mit dem Schlüssel „{0}“ gibt es nicht.", Shorten(ags)];
        }

        if (Blank(request.District) is { } district && !await db.Set<District>().AnyAsync(d => d.Ags == district, cancellationToken))
        {
            errors["district"] = l["Den Kreis mit dem Schlüssel „{0}“ gibt es nicht.", Shorten(district)];
        }

        if (Blank(request.Region) is { } region && !await db.Set<District>().AnyAsync(d => d.RegionCode == region, cancellationToken))
        {
            errors["region"] = l["Den Regierungsbezirk mit dem Schlüssel „{0}“ gibt es nicht.", Shorten(region)];
        }

        if (Blank(request.Role) is { } role && !Roles.All.Contains(role))
        {
            errors["role"] = l["Unbekannte Rolle. Erlaubt sind: {0}.", string.Join(", ", Roles.All)];
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Echoing a very long value back helps nobody.</summary>
    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
