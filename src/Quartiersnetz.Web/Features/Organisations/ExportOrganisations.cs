using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Organisations;

/// <summary>An organisation as the office's export lists it.</summary>
internal sealed record OrganisationExportRow(
    string Name, OrganisationType Type, string? AddressLine1, string? AddressLine2, string? PostalCode, string? City, string? Website,
    string? MunicipalityName, int People);

/// <summary>
/// Exports the office's organisation list with the filters of the page (type, part of the name), all rows, in the
/// list's order. One query, whatever the number of organisations; people are counted, not named, so the file holds no
/// personal data.
/// </summary>
internal static class ExportOrganisations
{
    public static IReadOnlyList<ExportColumn<OrganisationExportRow>> Columns(IStringLocalizer<Texts> l) =>
    [
        new("Name", o => o.Name),
        new("Art", o => l[OrganisationTypes.Label(o.Type)].Value),
        new("Adresse", o => string.Join(", ", new[] { o.AddressLine1, o.AddressLine2 }.Where(a => !string.IsNullOrWhiteSpace(a)))),
        new("Postleitzahl", o => o.PostalCode),
        new("Ort", o => o.City),
        new("Website", o => o.Website),
        new("Kommune", o => o.MunicipalityName),
        new("Anzahl Personen", o => o.People),
    ];

    public static Task<List<OrganisationExportRow>> RowsAsync(
        QuartiersnetzDbContext db, OrganisationType? type, string? name, CancellationToken cancellationToken)
    {
        var query = db.Set<Organisation>().AsNoTracking();
        // The same filter as ListOrganisations, so the file holds what the list shows.
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
            .Select(o => new OrganisationExportRow(
                o.Name, o.Type, o.AddressLine1, o.AddressLine2, o.PostalCode, o.City, o.Website,
                db.Set<Municipality>().Where(m => m.Ags == o.MunicipalityAgs).Select(m => m.Name).FirstOrDefault(),
                db.Users.Count(u => u.OrganisationId == o.Id)))
            .ToListAsync(cancellationToken);
    }
}
