using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.ProgrammeAreas;
using Quartiersnetz.Platform.Security;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// The public page of one programme area. Contacts are shown only as far as each person's name visibility
/// allows for the viewer. Four queries, however many topics and contacts.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class DetailsModel(
    QuartiersnetzDbContext db, IAuthorizationService authorization, IConfiguration configuration, IEnumerable<IProgrammeAreaSection> sections) : PageModel
{
    /// <summary>What other features show about the area (its good-practice projects …), in their order.</summary>
    public IReadOnlyList<ProgrammeAreaSectionView> Sections { get; private set; } = [];

    /// <summary>Background tiles of the small map, as the CSP allows them; null: the boundary alone.</summary>
    public string? TileUrl => SecurityHeaders.TileUrl(configuration);

    public AreaDetails Area { get; private set; } = null!;

    public IReadOnlyList<TopicChoice> Topics { get; private set; } = [];

    public IReadOnlyList<AreaContactView> Contacts { get; private set; } = [];

    /// <summary>The geometry for the map script: the boundary, or the point.</summary>
    public string MapGeometry { get; private set; } = "";

    public string Coordinates => string.Create(BerlinTime.Culture, $"{Area.Latitude:0.0000}° N, {Area.Longitude:0.0000}° O");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var area = await ListProgrammeAreas.DetailsAsync(db, id, cancellationToken);
        if (area is null)
        {
            return NotFound();
        }

        Area = area;
        MapGeometry = ListProgrammeAreas.Geometry(area.BoundaryGeoJson, area.Latitude, area.Longitude).GetRawText();
        Topics = await AssignTopics.ForItemAsync(db, TopicKinds.ProgrammeArea, ListProgrammeAreas.TopicKey(id), cancellationToken);
        var audience = await ProfileVisibilityRules.ViewerAsync(authorization, User, Guid.Empty);
        Contacts = await ListProgrammeAreas.ContactsAsync(db, [id], audience, User.AccountId(), cancellationToken);
        var built = new List<ProgrammeAreaSectionView>();
        foreach (var section in sections)
        {
            if (await section.BuildAsync(id, User, cancellationToken) is { } view)
            {
                built.Add(view);
            }
        }

        Sections = [.. built.OrderBy(s => s.Order)];
        return Page();
    }
}
