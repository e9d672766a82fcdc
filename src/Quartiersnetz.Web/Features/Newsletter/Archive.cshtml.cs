using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Newsletter;

internal sealed record ArchivedIssue(Guid Id, string Subject, IssueAudience Audience, DateTime? SentAtUtc);

internal static class NewsletterArchive
{
    /// <summary>Sent issues the reader may see: public ones for everyone, member issues for members (and the office) only.</summary>
    public static IQueryable<NewsletterIssue> VisibleTo(QuartiersnetzDbContext db, bool isMember) =>
        db.Set<NewsletterIssue>().AsNoTracking()
            .Where(i => i.Status == IssueStatus.Sent && (isMember || i.Audience == IssueAudience.Public));

    public static async Task<bool> IsMemberAsync(IAuthorizationService authorization, System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, Policies.Member)).Succeeded;
}

/// <summary>The archive of past issues, newest first.</summary>
[AllowAnonymous]
// Anonymous visitors get the kept page (ADR 0004): only public issues, since the cache serves only requests without an identity.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)]
internal sealed class ArchiveModel(QuartiersnetzDbContext db, IAuthorizationService authorization) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<ArchivedIssue> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/newsletter/archiv", new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var member = await NewsletterArchive.IsMemberAsync(authorization, User);
        Result = await NewsletterArchive.VisibleTo(db, member)
            .OrderByDescending(i => i.SentAtUtc).ThenBy(i => i.Id)
            .Select(i => new ArchivedIssue(i.Id, i.Subject, i.Audience, i.SentAtUtc))
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}

/// <summary>One past issue as it was mailed (without the personal unsubscribe link); member issues answer 404 to others.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)]
internal sealed class ArchiveIssueModel(QuartiersnetzDbContext db, IAuthorizationService authorization) : PageModel
{
    public ArchivedIssue Issue { get; private set; } = null!;

    public string Html { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var member = await NewsletterArchive.IsMemberAsync(authorization, User);
        var issue = await NewsletterArchive.VisibleTo(db, member).Where(i => i.Id == id)
            .Select(i => new { Row = new ArchivedIssue(i.Id, i.Subject, i.Audience, i.SentAtUtc), i.SentHtml })
            .SingleOrDefaultAsync(cancellationToken);
        if (issue is null)
        {
            return NotFound();
        }

        Issue = issue.Row;
        // Rendered and sanitised when the issue was sent (Markdown through MarkdownRenderer, everything else encoded).
        Html = issue.SentHtml ?? "";
        return Page();
    }
}
