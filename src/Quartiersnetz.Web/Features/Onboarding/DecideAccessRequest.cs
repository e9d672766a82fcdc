using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>
/// The office approves an access request (which invites the person through <see cref="InvitePerson"/>, so the
/// same checks and the same invitation mail apply) or rejects it with a message that is mailed to the person.
/// A request is decided once.
/// </summary>
internal sealed class DecideAccessRequest(
    QuartiersnetzDbContext db, InvitePerson invitePerson, EmailOutbox outbox, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l)
{
    internal sealed class ApproveInput
    {
        [Required(ErrorMessage = "Bitte wählen Sie eine Rolle.")]
        [StringLength(50, ErrorMessage = "Bitte wählen Sie eine gültige Rolle.")]
        public string Role { get; set; } = "";

        [StringLength(8, ErrorMessage = "Bitte wählen Sie eine Gemeinde aus der Liste.")]
        public string? Municipality { get; set; }

        [StringLength(Platform.Auth.UserAccount.OrganisationMaxLength, ErrorMessage = "Die Organisation darf höchstens {1} Zeichen haben.")]
        public string? Organisation { get; set; }
    }

    internal sealed class RejectInput
    {
        [Required(ErrorMessage = "Bitte schreiben Sie der Person, warum der Antrag abgelehnt wird.")]
        [StringLength(AccessRequest.MessageMaxLength, ErrorMessage = "Die Nachricht darf höchstens {1} Zeichen haben.")]
        public string Message { get; set; } = "";
    }

    internal enum Result
    {
        Done = 0,
        NotFound = 1,
        AlreadyDecided = 2,
        Invalid = 3,
    }

    internal sealed record Outcome(Result Result, IReadOnlyList<InvitePerson.FieldError> Errors);

    public async Task<Outcome> ApproveAsync(Guid id, ApproveInput input, Inviter office, CancellationToken cancellationToken)
    {
        var request = await db.Set<AccessRequest>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null || request.IsDecided)
        {
            return new Outcome(request is null ? Result.NotFound : Result.AlreadyDecided, []);
        }

        var check = (await invitePerson.CheckAsync([new InvitePerson.Input
        {
            Email = request.Email,
            Name = request.Name,
            Role = input.Role,
            Municipality = input.Municipality,
            Organisation = input.Organisation,
            FunctionTitle = request.FunctionTitle,
        }], office, cancellationToken))[0];
        if (!check.IsValid)
        {
            return new Outcome(Result.Invalid, check.Errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await ClaimAsync(id, AccessRequestStatus.Approved, cancellationToken))
        {
            return new Outcome(Result.AlreadyDecided, []);
        }

        var invitation = invitePerson.Stage(check, office);
        request.Approve(invitation.Id, office.Actor.Id, clock.GetUtcNow().UtcDateTime);
        audit.Record(office.Actor, "access-request.approved", nameof(AccessRequest), request.Id.ToString(), request.Email,
            [new AuditChange("Status", nameof(AccessRequestStatus.Pending), nameof(AccessRequestStatus.Approved))]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(Result.Done, []);
    }

    public async Task<Outcome> RejectAsync(Guid id, RejectInput input, Inviter office, CancellationToken cancellationToken)
    {
        var request = await db.Set<AccessRequest>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null || request.IsDecided)
        {
            return new Outcome(request is null ? Result.NotFound : Result.AlreadyDecided, []);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await ClaimAsync(id, AccessRequestStatus.Rejected, cancellationToken))
        {
            return new Outcome(Result.AlreadyDecided, []);
        }

        var message = input.Message.Trim();
        request.Reject(message, office.Actor.Id, clock.GetUtcNow().UtcDateTime);
        outbox.Enqueue(new EmailMessage(request.Email, request.Name, l["Ihr Antrag auf Zugang zum Quartiersnetz"], string.Join("\n", [
            l["Guten Tag {0},", request.Name].Value,
            "",
            l["die Geschäftsstelle der AG Soziale Stadt NRW hat Ihren Antrag auf Zugang zum Quartiersnetz geprüft und kann ihn leider nicht bewilligen. Die Geschäftsstelle schreibt dazu:"].Value,
            "",
            message,
            "",
            l["Bei Fragen antworten Sie bitte auf diese E-Mail oder wenden Sie sich an die Geschäftsstelle."].Value,
            "",
            l["Ihre Geschäftsstelle der AG Soziale Stadt NRW"].Value,
        ])));
        audit.Record(office.Actor, "access-request.rejected", nameof(AccessRequest), request.Id.ToString(), request.Email,
            [new AuditChange("Status", nameof(AccessRequestStatus.Pending), nameof(AccessRequestStatus.Rejected))]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(Result.Done, []);
    }

    /// <summary>
    /// Marks the request decided only if it is still pending, in the caller's transaction: when two office
    /// members decide at the same moment, one wins and the other is told, instead of two mails going out.
    /// </summary>
    private async Task<bool> ClaimAsync(Guid id, AccessRequestStatus status, CancellationToken cancellationToken) =>
        await db.Set<AccessRequest>()
            .Where(r => r.Id == id && r.Status == AccessRequestStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status), cancellationToken) == 1;
}
