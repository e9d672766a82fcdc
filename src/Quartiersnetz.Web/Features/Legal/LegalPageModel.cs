using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quartiersnetz.Features.Legal;

/// <summary>Imprint and privacy page: both show the operator from the Site:* settings.</summary>
[AllowAnonymous]
internal sealed class LegalPageModel(SiteOperator site) : PageModel
{
    public SiteOperator Site { get; } = site;
}
