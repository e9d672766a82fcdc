using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>A municipality in a list: what the page table and the API list show.</summary>
internal sealed record MunicipalitySummary(
    string Ags,
    string Name,
    string ShortName,
    string Type,
    string DistrictAgs,
    string DistrictName,
    string RegionName,
    int Population,
    decimal AreaKm2,
    MembershipInfo? Membership);

/// <summary>A current membership in the network; null in the API when the municipality is not a member.</summary>
internal sealed record MembershipInfo(DateOnly MemberSince);

/// <summary>Lists NRW municipalities, filtered by name and Kreis, in German alphabetical order, paged.</summary>
internal static class ListMunicipalities
{
    public const int MaxFilterLength = 100;

    /// <param name="name">Part of the name; case, umlauts and ß are folded.</param>
    /// <param name="district">A 5-digit Kreis key, or part of a Kreis name.</param>
    public static async Task<PagedResult<MunicipalitySummary>> HandleAsync(
        QuartiersnetzDbContext db, string? name, string? district, bool membersOnly, DateOnly today, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Set<Municipality>().AsNoTracking();
        var current = db.Set<NetworkMembership>().Where(n => n.LeftOn == null || n.LeftOn > today);
        if (membersOnly)
        {
            query = query.Where(m => current.Any(n => n.MunicipalityAgs == m.Ags));
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            var key = GermanSortKey.For(name);
            query = query.Where(m => m.SortKey.Contains(key));
        }

        if (!string.IsNullOrWhiteSpace(district))
        {
            var trimmed = district.Trim();
            if (trimmed.Length == 5 && trimmed.All(char.IsAsciiDigit))
            {
                query = query.Where(m => m.DistrictAgs == trimmed);
            }
            else
            {
                var key = GermanSortKey.For(trimmed);
                query = query.Where(m => m.District!.SortKey.Contains(key));
            }
        }

        var rows = await query
            .OrderBy(m => m.SortKey).ThenBy(m => m.Ags)
            .Select(m => new
            {
                m.Ags, m.Name, m.ShortName, m.Type, m.DistrictAgs, DistrictName = m.District!.Name, m.District.RegionName, m.Population, m.AreaKm2,
                MemberSince = current.Where(n => n.MunicipalityAgs == m.Ags).Select(n => (DateOnly?)n.MemberSince).FirstOrDefault(),
            })
            .ToPageAsync(page, cancellationToken);
        return new PagedResult<MunicipalitySummary>(
            [.. rows.Items.Select(r => new MunicipalitySummary(
                r.Ags, r.Name, r.ShortName, r.Type, r.DistrictAgs, r.DistrictName, r.RegionName, r.Population, r.AreaKm2,
                r.MemberSince is { } since ? new MembershipInfo(since) : null))],
            rows.Page, rows.PageSize, rows.TotalCount);
    }

    /// <summary>The districts for a filter drop-down, in German alphabetical order.</summary>
    public static Task<List<DistrictOption>> DistrictsAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
        db.Set<District>().AsNoTracking()
            .OrderBy(d => d.SortKey)
            .Select(d => new DistrictOption(d.Ags, d.Name))
            .ToListAsync(cancellationToken);
}

internal sealed record DistrictOption(string Ags, string Name);
