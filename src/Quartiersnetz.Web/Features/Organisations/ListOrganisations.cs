using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Organisations;

/// <summary>An organisation in a list (page and API); people are not part of it.</summary>
internal sealed record OrganisationSummary(Guid Id, string Name, OrganisationType Type, string? City, string? Website);

/// <summary>An organisation with its address, as the public page and the API show it.</summary>
internal sealed record OrganisationDetails(
    Guid Id, string Name, OrganisationType Type, string? AddressLine1, string? AddressLine2, string? PostalCode, string? City,
    string? Website, string? MunicipalityAgs);

/// <summary>Lists organisations filtered by type and part of the name, in alphabetical order, paged.</summary>
internal static class ListOrganisations
{
    public const int MaxFilterLength = 100;

    public static Task<PagedResult<OrganisationSummary>> HandleAsync(
        QuartiersnetzDbContext db, OrganisationType? type, string? name, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Set<Organisation>().AsNoTracking();
        if (type is { } t)
        {
            query = query.Where(o => o.Type == t);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            var key = GermanSortKey.For(name);
            query = query.Where(o => o.SortKey.Contains(key));
        }

        return query
            .OrderBy(o => o.SortKey).ThenBy(o => o.Id)
            .Select(o => new OrganisationSummary(o.Id, o.Name, o.Type, o.City, o.Website))
            .ToPageAsync(page, cancellationToken);
    }

    public static Task<OrganisationDetails?> DetailsAsync(QuartiersnetzDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Set<Organisation>().AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => new OrganisationDetails(o.Id, o.Name, o.Type, o.AddressLine1, o.AddressLine2, o.PostalCode, o.City, o.Website, o.MunicipalityAgs))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Parses the type from a query string; unknown values mean "all" on pages.</summary>
    public static OrganisationType? ParseType(string? value) =>
        Enum.TryParse<OrganisationType>(value, ignoreCase: true, out var type) && Enum.IsDefined(type) && !int.TryParse(value, out _) ? type : null;
}
