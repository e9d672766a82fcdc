using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Studies;

/// <summary>
/// A commissioned study's page: question, contractor, period, status, the reports with their publications. Budget and
/// steering group are for members. A members' study or a draft answers 404 to whoever may not see it.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class DetailsModel(QuartiersnetzDbContext db, IAuthorizationService authorization, MarkdownRenderer markdown, PublicUrls urls) : PageModel
{
    public StudyDetails Study { get; private set; } = null!;

    public string QuestionHtml { get; private set; } = "";

    public bool IsMember { get; private set; }

    public bool IsOffice { get; private set; }

    public string CanonicalUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var audience = await ViewerAudience.OfAsync(authorization, User);
        var study = slug.Length > Studies.Study.SlugMaxLength ? null : await ListStudies.DetailsAsync(db, audience, slug, cancellationToken);
        if (study is null)
        {
            return NotFound();
        }

        Study = study;
        IsMember = audience >= SearchAudience.Members;
        IsOffice = audience == SearchAudience.Office;
        QuestionHtml = markdown.ToHtml(study.Question);
        CanonicalUrl = urls.Absolute(study.Url);
        return Page();
    }
}
