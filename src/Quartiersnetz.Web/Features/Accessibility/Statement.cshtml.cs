using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Features.Legal;

namespace Quartiersnetz.Features.Accessibility;

[AllowAnonymous]
internal sealed class StatementModel(SiteOperator site) : PageModel
{
    public SiteOperator Site { get; } = site;
}
