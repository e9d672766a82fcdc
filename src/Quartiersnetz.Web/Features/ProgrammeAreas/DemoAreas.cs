using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Demo;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// A few sample programme areas in real municipalities, so the office pages, the area pages and the map have
/// something to show when trying the portal out. Clearly marked: the name ends in "(Beispiel)" and IsDemo is set;
/// the boundaries are rough rectangles, not the real ones. They go through the same checks as the office's form.
/// </summary>
internal sealed class DemoAreas(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, ILogger<DemoAreas> logger) : IDemoDataContributor
{
    private static readonly SaveProgrammeArea.Input[] Areas =
    [
        new()
        {
            Name = "Katernberg (Beispiel)", MunicipalityAgs = "05113000", Programme = UrbanDevelopmentProgramme.SozialerZusammenhalt,
            Status = ProgrammeAreaStatus.Laufend, AdmissionYear = 2016, EndYear = 2027, SizeHectares = 98.5m, Population = 8400,
            Description = "Beispielgebiet zum Ausprobieren des Portals. Die Angaben und die Grenze sind erfunden.",
            BoundaryGeoJson = """{"type":"Polygon","coordinates":[[[7.04,51.48],[7.05,51.48],[7.05,51.49],[7.04,51.49],[7.04,51.48]]]}""",
            TopicSlugs = ["verfuegungsfonds"],
        },
        new()
        {
            Name = "Nordstadt (Beispiel)", MunicipalityAgs = "05913000", Programme = UrbanDevelopmentProgramme.SozialerZusammenhalt,
            Status = ProgrammeAreaStatus.Verstetigung, AdmissionYear = 2008, EndYear = 2022,
            Description = "Beispielgebiet zum Ausprobieren des Portals. Die Angaben und die Grenze sind erfunden.",
            BoundaryGeoJson = """{"type":"Polygon","coordinates":[[[7.452,51.520],[7.478,51.520],[7.478,51.532],[7.452,51.532],[7.452,51.520]]]}""",
        },
        new()
        {
            Name = "Chorweiler (Beispiel)", MunicipalityAgs = "05315000", Programme = UrbanDevelopmentProgramme.LebendigeZentren,
            Status = ProgrammeAreaStatus.InVorbereitung, AdmissionYear = 2025,
            Description = "Beispielgebiet zum Ausprobieren des Portals, nur mit einem Punkt statt einer Grenze.",
            Latitude = 51.0275, Longitude = 6.8960,
        },
    ];

    public async Task ContributeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var existing = await db.Set<ProgrammeArea>().AsNoTracking().Where(a => a.IsDemo).Select(a => a.Name).ToListAsync(cancellationToken);
        foreach (var input in Areas.Where(a => !existing.Contains(a.Name!)))
        {
            // A topic slug that the office has since renamed or retired must not keep the sample from being created.
            var outcome = await SaveProgrammeArea.CreateAsync(db, audit, AuditActor.System, clock, input, cancellationToken);
            if (!outcome.Succeeded && input.TopicSlugs.Count > 0)
            {
                db.ChangeTracker.Clear();
                outcome = await SaveProgrammeArea.CreateAsync(db, audit, AuditActor.System, clock, Without(input), cancellationToken);
            }

            if (!outcome.Succeeded)
            {
                // A name the office already uses in that municipality, or changed reference data: skip, never stop the start.
                logger.LogWarning("Demo programme area {Name} not created: {Errors}", input.Name, string.Join("; ", outcome.Errors.Select(e => e.Message)));
                db.ChangeTracker.Clear();
                continue;
            }

            var area = await db.Set<ProgrammeArea>().SingleAsync(a => a.Id == outcome.Id, cancellationToken);
            area.IsDemo = true;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static SaveProgrammeArea.Input Without(SaveProgrammeArea.Input input) => new()
    {
        Name = input.Name, MunicipalityAgs = input.MunicipalityAgs, Programme = input.Programme, Status = input.Status,
        AdmissionYear = input.AdmissionYear, EndYear = input.EndYear, SizeHectares = input.SizeHectares, Population = input.Population,
        Description = input.Description, BoundaryGeoJson = input.BoundaryGeoJson, Latitude = input.Latitude, Longitude = input.Longitude,
    };
}
