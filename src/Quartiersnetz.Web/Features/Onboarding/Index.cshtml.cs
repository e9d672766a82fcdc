using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Onboarding;

internal sealed record InvitationRow(
    Guid Id, string DisplayName, string Email, string Role, string? MunicipalityName, InvitationStatus Status, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, bool MayManage);

/// <summary>Invitations the person may see: the office all, a Kommunale Koordination those of their municipality.</summary>
[Authorize(Policy = Policies.InvitePeople)]
internal sealed class IndexModel(QuartiersnetzDbContext db, InvitePerson invitePerson, AuditLog audit, TimeProvider clock) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    /// <summary>Confirmation after a POST (Post/Redirect/Get).</summary>
    [BindProperty(SupportsGet = true, Name = "erfolg")]
    public string? Done { get; set; }

    public PagedResult<InvitationRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public bool IsOffice { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/einladungen", new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var inviter = Inviter.From(User);
        IsOffice = inviter.IsOffice;
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Set<Invitation>().AsNoTracking();
        if (!inviter.IsOffice)
        {
            var own = inviter.MunicipalityAgs ?? "";
            query = query.Where(i => i.MunicipalityAgs == own);
        }

        var page = await query
            .OrderByDescending(i => i.CreatedAtUtc)
            .Select(i => new { i.Id, i.DisplayName, i.Email, i.Role, i.MunicipalityAgs, i.CreatedAtUtc, i.ExpiresAtUtc, i.AcceptedAtUtc, i.RevokedAtUtc })
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
        var names = await MunicipalityChoices.NamesAsync(db, page.Items.Select(i => i.MunicipalityAgs), cancellationToken);
        var rows = page.Items.Select(i => new InvitationRow(
                i.Id, i.DisplayName, i.Email, i.Role,
                i.MunicipalityAgs is null ? null : names.GetValueOrDefault(i.MunicipalityAgs, i.MunicipalityAgs),
                i.AcceptedAtUtc is not null ? InvitationStatus.Accepted
                    : i.RevokedAtUtc is not null ? InvitationStatus.Revoked
                    : i.ExpiresAtUtc <= now ? InvitationStatus.Expired
                    : InvitationStatus.Open,
                i.CreatedAtUtc, i.ExpiresAtUtc, inviter.MayManage(i.Role, i.MunicipalityAgs)))
            .ToList();
        Result = new PagedResult<InvitationRow>(rows, page.Page, page.PageSize, page.TotalCount);
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken) =>
        Respond(await ResendInvitation.HandleAsync(db, invitePerson, audit, clock, id, Inviter.From(User), cancellationToken), "erneut-gesendet");

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken) =>
        Respond(await RevokeInvitation.HandleAsync(db, audit, clock, id, Inviter.From(User), cancellationToken), "widerrufen");

    private IActionResult Respond(InvitationChangeOutcome outcome, string done) => outcome switch
    {
        InvitationChangeOutcome.Done => Redirect("/einladungen?erfolg=" + done),
        InvitationChangeOutcome.NotFound => NotFound(),
        InvitationChangeOutcome.Forbidden => Forbid(),
        _ => Redirect("/einladungen?erfolg=unveraendert"),
    };
}
