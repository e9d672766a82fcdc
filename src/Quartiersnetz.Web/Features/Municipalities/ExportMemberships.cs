using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.People;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Exports;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>A member municipality with its reference data, as the office's export lists it.</summary>
internal sealed record MembershipExportRow(
    string Ags, string Name, string DistrictName, string RegionName, DateOnly MemberSince, DateOnly? LeftOn, string? ContactName,
    IReadOnlyList<string> Coordinators, int Population);

/// <summary>
/// Exports the member municipalities in the list's order (German name order) with their Kreis, Regierungsbezirk and
/// population from the official reference data. Two queries, whatever the number of members: the memberships with
/// their reference data and contact person, and all Kommunale Koordinationen of member municipalities.
/// The reference data are under dl-de/by-2-0, which asks every export to name source, licence, dataset and that the
/// data were changed: the notes follow the table (CSV) or fill a second sheet (XLSX).
/// </summary>
internal static class ExportMemberships
{
    public const string AuditAction = "export.memberships";

    public static IReadOnlyList<ExportColumn<MembershipExportRow>> Columns(IStringLocalizer<Texts> l) =>
    [
        new("AGS", m => m.Ags),
        new("Kommune", m => m.Name),
        new("Kreis", m => m.DistrictName),
        new("Regierungsbezirk", m => m.RegionName),
        new("Mitglied seit", m => m.MemberSince),
        new("Ausgetreten am", m => m.LeftOn),
        new("Ansprechperson", m => m.ContactName),
        new("Kommunale Koordination", m => string.Join(", ", m.Coordinators)),
        new("Einwohner", m => m.Population),
    ];

    /// <summary>The attribution of the reference data, in the words of /datenquellen.</summary>
    public static IReadOnlyList<string> Notes(IStringLocalizer<Texts> l) =>
    [
        l["Die Spalten AGS, Kommune, Kreis, Regierungsbezirk und Einwohner stammen aus amtlichen offenen Daten:"],
        l["Quelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, Gebietsstand 31.12.2024; © Statistische Ämter des Bundes und der Länder, 2025; Datenlizenz Deutschland – Namensnennung – 2.0; Auswahl NRW, Daten umformatiert."],
        l["Einwohnerzahl am 31.12.2023 (Basis Zensus 2011)."],
        l["Lizenz: https://www.govdata.de/dl-de/by-2-0"],
        l["Mitgliedschaft, Ansprechperson und Kommunale Koordination: Geschäftsstelle des Quartiersnetzes."],
    ];

    public static async Task<List<MembershipExportRow>> RowsAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        var members = await db.Set<NetworkMembership>().AsNoTracking()
            .Join(db.Set<Municipality>(), n => n.MunicipalityAgs, m => m.Ags, (n, m) => new { n, m })
            .OrderBy(x => x.m.SortKey).ThenBy(x => x.m.Ags)
            .Select(x => new
            {
                x.n.MunicipalityAgs, x.m.Name, DistrictName = x.m.District!.Name, x.m.District.RegionName, x.n.MemberSince, x.n.LeftOn,
                x.m.Population,
                ContactName = db.Users.Where(u => u.Id == x.n.ContactPersonId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        // The Kommunale Koordination is whoever holds the role with the municipality's AGS (see NetworkMembership).
        var coordinators = await db.Users.AsNoTracking()
            .Where(u => u.MunicipalityAgs != null && db.Set<NetworkMembership>().Any(n => n.MunicipalityAgs == u.MunicipalityAgs))
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.MunicipalCoordinator)))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new { Ags = u.MunicipalityAgs!, u.DisplayName, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var byAgs = coordinators.ToLookup(c => c.Ags);
        return members.Select(x => new MembershipExportRow(
                x.MunicipalityAgs, x.Name, x.DistrictName, x.RegionName, x.MemberSince, x.LeftOn, x.ContactName,
                byAgs[x.MunicipalityAgs].Select(c => AccountActivation.IsDeactivated(c.LockoutEnd) ? $"{c.DisplayName} (deaktiviert)" : c.DisplayName).ToList(),
                x.Population))
            .ToList();
    }

    public static void Audit(AuditLog audit, AuditActor actor, string listName, ExportFormat format, int rowCount) =>
        audit.Record(actor, AuditAction, "export", null, listName,
        [
            new AuditChange("Filter", null, "–"),
            new AuditChange("Format", null, format == ExportFormat.Csv ? "CSV" : "XLSX"),
            new AuditChange("Zeilen", null, rowCount.ToString("N0", Platform.Time.BerlinTime.Culture)),
        ]);
}
