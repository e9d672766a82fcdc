using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Onboarding;

internal sealed record AccessRequestDetails(
    Guid Id, string Name, string Email, string Affiliation, string FunctionTitle, string? Message, DateTime SubmittedAtUtc,
    AccessRequestStatus Status, DateTime? DecidedAtUtc, string? DecisionMessage);

/// <summary>One access request with the two decisions: approve (invite) or reject (with a message).</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeAccessRequestModel(QuartiersnetzDbContext db, DecideAccessRequest decide, IStringLocalizer<Texts> l) : PageModel
{
    public AccessRequestDetails Details { get; private set; } = null!;

    /// <summary>Confirmation after a decision (Post/Redirect/Get).</summary>
    [BindProperty(SupportsGet = true, Name = "erfolg")]
    public string? Done { get; set; }

    [BindProperty]
    public DecideAccessRequest.ApproveInput Approval { get; set; } = new();

    [BindProperty]
    public DecideAccessRequest.RejectInput Rejection { get; set; } = new();

    public IReadOnlyList<ChoiceOption> RoleOptions { get; private set; } = [];

    public IReadOnlyList<ChoiceOption> Municipalities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Approval.Organisation = Details.Affiliation;
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!ValidateOnly(Approval, nameof(Approval)))
        {
            return await ShowAsync(id, cancellationToken);
        }

        var outcome = await decide.ApproveAsync(id, Approval, Inviter.From(User), cancellationToken);
        foreach (var error in outcome.Errors)
        {
            ModelState.AddModelError(error.Field is nameof(InvitePerson.Input.Role) or nameof(InvitePerson.Input.Municipality) or nameof(InvitePerson.Input.Organisation)
                ? $"{nameof(Approval)}.{error.Field}" : string.Empty, error.Message);
        }

        return await RespondAsync(id, outcome.Result, "bewilligt", cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!ValidateOnly(Rejection, nameof(Rejection)))
        {
            return await ShowAsync(id, cancellationToken);
        }

        var outcome = await decide.RejectAsync(id, Rejection, Inviter.From(User), cancellationToken);
        return await RespondAsync(id, outcome.Result, "abgelehnt", cancellationToken);
    }

    private async Task<IActionResult> RespondAsync(Guid id, DecideAccessRequest.Result result, string done, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case DecideAccessRequest.Result.Done:
                return Redirect($"/geschaeftsstelle/zugangsantraege/{id}?erfolg={done}");
            case DecideAccessRequest.Result.NotFound:
                return NotFound();
            case DecideAccessRequest.Result.AlreadyDecided:
                ModelState.AddModelError(string.Empty, l["Über diesen Antrag wurde bereits entschieden. Eine zweite Entscheidung ist nicht möglich."]);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await ShowAsync(id, cancellationToken);
            default:
                return await ShowAsync(id, cancellationToken);
        }
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>
    /// Only the submitted form counts: the other form's fields were not sent, and MVC would otherwise report
    /// them (even under the empty prefix, as it falls back to it when a prefix is missing).
    /// </summary>
    private bool ValidateOnly(object input, string prefix)
    {
        ModelState.Clear();
        return TryValidateModel(input, prefix);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await db.Set<AccessRequest>().AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new AccessRequestDetails(r.Id, r.Name, r.Email, r.Affiliation, r.FunctionTitle, r.Message, r.SubmittedAtUtc, r.Status, r.DecidedAtUtc, r.DecisionMessage))
            .SingleOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return false;
        }

        Details = request;
        RoleOptions = Roles.All.Select(r => new ChoiceOption(r, l[Roles.Label(r)])).ToList();
        Municipalities = await MunicipalityChoices.LoadAsync(db, cancellationToken);
        return true;
    }
}
