using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.People;

/// <summary>A person as the office's export lists them: every field, since the office sees every field.</summary>
internal sealed record PersonExportRow(
    Guid Id, string DisplayName, string? Email, string? MunicipalityName, string? Organisation, string? FunctionTitle, string? Phone,
    bool IsExternalContact, DateTimeOffset? LockoutEnd, DateTime CreatedAtUtc, IReadOnlyList<string> Roles)
{
    public bool IsDeactivated => AccountActivation.IsDeactivated(LockoutEnd);
}

/// <summary>
/// Exports the people lists (office: all, filtered as on the page; Kommunale Koordination: their municipality) with
/// all rows in the list's order. Three queries at most, whatever the number of people: the role filter, the people,
/// their roles. Each export is written to the audit log, since it hands personal data out of the system.
/// </summary>
internal static class ExportPeople
{
    public const string AuditAction = "export.people";

    /// <summary>The office sees every field.</summary>
    public static IReadOnlyList<ExportColumn<PersonExportRow>> OfficeColumns(IStringLocalizer<Texts> l) =>
    [
        new("Name", p => p.DisplayName),
        new("E-Mail-Adresse", p => p.Email),
        new("Rollen", p => RoleLabels(p.Roles, l)),
        new("Kommune", p => p.MunicipalityName),
        new("Organisation", p => p.Organisation),
        new("Funktion", p => p.FunctionTitle),
        new("Telefon", p => p.Phone),
        new("Externer Kontakt", p => YesNo(p.IsExternalContact, l)),
        new("Deaktiviert", p => YesNo(p.IsDeactivated, l)),
        new("Angelegt am", p => p.CreatedAtUtc == default ? null : BerlinTime.FormatDateTime(p.CreatedAtUtc)),
    ];

    /// <summary>
    /// A Kommunale Koordination gets what their list page shows them and no more: name, address, roles and whether the
    /// access is deactivated. Phone, function and organisation follow each person's visibility settings elsewhere and
    /// are left out here.
    /// </summary>
    public static IReadOnlyList<ExportColumn<PersonExportRow>> CoordinatorColumns(IStringLocalizer<Texts> l) =>
    [
        new("Name", p => p.DisplayName),
        new("E-Mail-Adresse", p => p.Email),
        new("Rollen", p => RoleLabels(p.Roles, l)),
        new("Deaktiviert", p => YesNo(p.IsDeactivated, l)),
    ];

    public static async Task<List<PersonExportRow>> RowsAsync(QuartiersnetzDbContext db, ListPeople.Filter filter, CancellationToken cancellationToken)
    {
        var query = await ListPeople.FilteredAsync(db, filter, cancellationToken);
        var people = await query
            .OrderBy(u => u.SortKey).ThenBy(u => u.Id)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.FunctionTitle, u.PhoneNumber, u.IsExternalContact, u.LockoutEnd, u.CreatedAtUtc,
                MunicipalityName = db.Set<Municipality>().Where(m => m.Ags == u.MunicipalityAgs).Select(m => m.Name).FirstOrDefault(),
                DirectoryOrganisation = db.Set<Organisation>().Where(o => o.Id == u.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                u.Organisation,
            })
            .ToListAsync(cancellationToken);
        // The roles of all selected people in one query: the filter is repeated as a subquery instead of sending
        // thousands of ids as parameters.
        var pairs = await db.UserRoles.AsNoTracking()
            .Where(ur => query.Any(u => u.Id == ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var roles = pairs.GroupBy(p => p.UserId).ToDictionary(
            g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Name!).OrderBy(ListPeople.IndexOfRole).ToList());
        return people.Select(p => new PersonExportRow(
                p.Id, p.DisplayName, p.Email, p.MunicipalityName, p.DirectoryOrganisation ?? p.Organisation, p.FunctionTitle, p.PhoneNumber,
                p.IsExternalContact, p.LockoutEnd, p.CreatedAtUtc, roles.GetValueOrDefault(p.Id, [])))
            .ToList();
    }

    /// <summary>Records who exported which list with which filter; stored by the caller's SaveChanges.</summary>
    public static void Audit(
        AuditLog audit, AuditActor actor, string listName, string filterDescription, ExportFormat format, int rowCount)
    {
        audit.Record(actor, AuditAction, "export", null, listName,
        [
            new AuditChange("Filter", null, filterDescription),
            new AuditChange("Format", null, format == ExportFormat.Csv ? "CSV" : "XLSX"),
            new AuditChange("Zeilen", null, rowCount.ToString("N0", BerlinTime.Culture)),
        ]);
    }

    /// <summary>e.g. "Name oder E-Mail-Adresse enthält „anna“; Rolle: Jury; Kommune: Köln", or "kein Filter".</summary>
    /// <param name="municipalityName">The name of the one municipality the filter selects by AGS, when it does.</param>
    public static string DescribeFilter(ListPeople.Filter filter, string? municipalityName, IStringLocalizer<Texts> l)
    {
        var parts = new List<string>();
        if (filter.Text is not null)
        {
            parts.Add(l["Name oder E-Mail-Adresse enthält „{0}“", filter.Text]);
        }

        if (filter.Role is not null)
        {
            parts.Add(l["Rolle: {0}", l[Platform.Auth.Roles.Label(filter.Role)].Value]);
        }

        if (filter.MunicipalityAgs is not null)
        {
            parts.Add(l["Kommune: {0}", municipalityName ?? filter.MunicipalityAgs]);
        }

        if (filter.MunicipalityText is not null)
        {
            parts.Add(municipalityName is not null
                ? l["Kommune: {0}", municipalityName]
                : l["Kommune (Name oder AGS): „{0}“", filter.MunicipalityText]);
        }

        return parts.Count == 0 ? l["kein Filter"] : string.Join("; ", parts);
    }

    private static string RoleLabels(IReadOnlyList<string> roles, IStringLocalizer<Texts> l) =>
        string.Join(", ", roles.Select(r => l[Platform.Auth.Roles.Label(r)].Value));

    private static string YesNo(bool value, IStringLocalizer<Texts> l) => value ? l["ja"] : l["nein"];
}
