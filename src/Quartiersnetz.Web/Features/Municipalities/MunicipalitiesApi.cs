using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>A municipality with its location and boundary.</summary>
internal sealed record MunicipalityDetails(
    string Ags,
    string Ars,
    string Name,
    string ShortName,
    string Type,
    string DistrictAgs,
    string DistrictName,
    string RegionCode,
    string RegionName,
    int Population,
    decimal AreaKm2,
    MembershipInfo? Membership,
    string PostalCode,
    double Longitude,
    double Latitude,
    string Urbanisation,
    JsonElement? Boundary);

internal static class MunicipalitiesApi
{
    public static RouteGroupBuilder MapMunicipalitiesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/municipalities").WithTags("Gemeinden").AllowAnonymous().CacheOutput(PublicPageCache.PolicyName);
        group.MapGet("", ListAsync)
            .WithName("ListMunicipalities")
            .WithSummary("Gemeinden in NRW auflisten")
            .WithDescription("Alle 396 Gemeinden Nordrhein-Westfalens in deutscher alphabetischer Reihenfolge, seitenweise. "
                + "Filter: name (Teil des Namens, Groß-/Kleinschreibung und Umlaute egal), district (Kreisschlüssel mit 5 Ziffern oder Teil des Kreisnamens), membersOnly (nur Mitgliedskommunen des Netzwerks). "
                + "membership: Mitglied seit (memberSince) oder null. "
                + "Quelle: Destatis GV-ISys, dl-de/by-2-0.");
        group.MapGet("/{ags}", GetAsync)
            .WithName("GetMunicipality")
            .WithSummary("Eine Gemeinde mit Lage und Grenze abrufen")
            .WithDescription("ags: Amtlicher Gemeindeschlüssel mit 8 Ziffern, z. B. 05111000. Grenze als GeoJSON-Geometrie (© GeoBasis-DE / BKG 2022, vereinfacht).");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<MunicipalitySummary>>, ValidationProblem>> ListAsync(
        QuartiersnetzDbContext db,
        IStringLocalizer<Texts> l,
        TimeProvider clock,
        CancellationToken cancellationToken,
        string? name = null,
        string? district = null,
        bool membersOnly = false,
        int page = 1,
        int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        ApiParameters.CheckPaging(errors, l, page, pageSize);

        if (name?.Length > ListMunicipalities.MaxFilterLength)
        {
            errors["name"] = [l["Der Namensfilter darf höchstens {0} Zeichen haben.", ListMunicipalities.MaxFilterLength]];
        }

        if (district?.Length > ListMunicipalities.MaxFilterLength)
        {
            errors["district"] = [l["Der Kreisfilter darf höchstens {0} Zeichen haben.", ListMunicipalities.MaxFilterLength]];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        return TypedResults.Ok(await ListMunicipalities.HandleAsync(db, name, district, membersOnly, BerlinTime.Today(clock), new PageRequest(page, pageSize), cancellationToken));
    }

    private static async Task<Results<Ok<MunicipalityDetails>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string ags, QuartiersnetzDbContext db, IStringLocalizer<Texts> l, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ags.Length != 8 || !ags.All(char.IsAsciiDigit))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["ags"] = [l["Der Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern, z. B. 05111000."]] },
                detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        var today = BerlinTime.Today(clock);
        var row = await db.Set<Municipality>().AsNoTracking()
            .Where(m => m.Ags == ags)
            .Select(m => new
            {
                m.Ags, m.Ars, m.Name, m.ShortName, m.Type, m.DistrictAgs, DistrictName = m.District!.Name,
                m.District.RegionCode, m.District.RegionName, m.Population, m.AreaKm2, m.PostalCode,
                m.Longitude, m.Latitude, m.Urbanisation, m.BoundaryGeoJson,
                MemberSince = db.Set<NetworkMembership>().Where(n => n.MunicipalityAgs == m.Ags && (n.LeftOn == null || n.LeftOn > today))
                    .Select(n => (DateOnly?)n.MemberSince).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return TypedResults.Problem(l["Es gibt keine Gemeinde in NRW mit dem Schlüssel {0}.", ags], statusCode: StatusCodes.Status404NotFound);
        }

        JsonElement? boundary = row.BoundaryGeoJson is null ? null : JsonDocument.Parse(row.BoundaryGeoJson).RootElement.Clone();
        return TypedResults.Ok(new MunicipalityDetails(
            row.Ags, row.Ars, row.Name, row.ShortName, row.Type, row.DistrictAgs, row.DistrictName, row.RegionCode,
            row.RegionName, row.Population, row.AreaKm2, row.MemberSince is { } since ? new MembershipInfo(since) : null, row.PostalCode, row.Longitude, row.Latitude, row.Urbanisation, boundary));
    }
}
