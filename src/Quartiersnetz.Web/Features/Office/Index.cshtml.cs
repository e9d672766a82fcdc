using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Accessibility;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Office;

[Authorize(Policy = Policies.Office)]
internal sealed class IndexModel(QuartiersnetzDbContext db) : PageModel
{
    public int OpenFeedback { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        OpenFeedback = await db.Set<AccessibilityFeedback>().CountAsync(f => f.HandledAtUtc == null, cancellationToken);
}
