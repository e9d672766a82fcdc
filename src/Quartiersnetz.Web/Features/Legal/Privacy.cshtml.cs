using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quartiersnetz.Features.Legal;

[AllowAnonymous]
internal sealed class PrivacyModel(SiteOperator site) : PageModel
{
    public SiteOperator Site { get; } = site;
}
