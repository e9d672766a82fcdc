using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>The office creates a series with the rule builder.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeSeriesCreateModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l)
    : SeriesCreatePage(db, audit, clock, l)
{
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadTopicsAsync(cancellationToken);
}
