using System.Security.Cryptography;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.People;

/// <summary>
/// Whom an administrator may manage: the office everyone; a Kommunale Koordination only Mitarbeitende and
/// Quartierspartner of their own municipality.
/// </summary>
internal sealed record PeopleScope(string? MunicipalityAgs, bool IsOffice)
{
    public static PeopleScope Office { get; } = new(null, true);

    public static PeopleScope Municipality(string? ags) => new(ags, false);

    /// <summary>Roles a Kommunale Koordination may deactivate; a person with any other role is out of reach.</summary>
    public static IReadOnlySet<string> CoordinatorManagedRoles { get; } = new HashSet<string> { Roles.MemberStaff, Roles.DistrictPartner };

    public bool MayManage(IReadOnlyList<string> roles) =>
        IsOffice || (roles.Count > 0 && roles.All(CoordinatorManagedRoles.Contains));
}

/// <summary>
/// Deactivates or reactivates an account. Deactivated means locked out without end: no sign-in, no
/// access token, no personal access token; a new security stamp ends existing access tokens at once.
/// </summary>
internal static class AccountActivation
{
    /// <summary>Far future, but inside what both providers store exactly (DateTimeOffset.MaxValue is not).</summary>
    public static readonly DateTimeOffset DeactivatedUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static bool IsDeactivated(DateTimeOffset? lockoutEnd) => lockoutEnd >= DeactivatedUntil;

    internal enum Result
    {
        Done,
        NotFound,
        Forbidden,
        OwnAccount,
    }

    public static async Task<Result> HandleAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, PeopleScope scope, Guid personId, bool active, CancellationToken cancellationToken)
    {
        if (!scope.IsOffice && string.IsNullOrEmpty(scope.MunicipalityAgs))
        {
            return Result.NotFound;
        }

        // Out of scope looks exactly like a person that does not exist: a forged id learns nothing.
        var person = await db.Users
            .SingleOrDefaultAsync(u => u.Id == personId && (scope.IsOffice || u.MunicipalityAgs == scope.MunicipalityAgs), cancellationToken);
        if (person is null)
        {
            return Result.NotFound;
        }

        if (person.Id == actor.Id)
        {
            return Result.OwnAccount;
        }

        var roles = (await ListPeople.RolesOfAsync(db, [person.Id], cancellationToken)).GetValueOrDefault(person.Id) ?? [];
        if (!scope.MayManage(roles))
        {
            return Result.Forbidden;
        }

        var wasDeactivated = IsDeactivated(person.LockoutEnd);
        if (wasDeactivated == !active)
        {
            return Result.Done;
        }

        if (active)
        {
            person.LockoutEnd = null;
            person.AccessFailedCount = 0;
        }
        else
        {
            person.LockoutEnabled = true;
            person.LockoutEnd = DeactivatedUntil;
        }

        RenewStamps(person);
        audit.Record(actor, active ? "person.reactivated" : "person.deactivated", "Person", person.Id.ToString(), person.DisplayName,
            [new AuditChange("Status", wasDeactivated ? "deaktiviert" : "aktiv", active ? "aktiv" : "deaktiviert")]);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Done;
    }

    /// <summary>
    /// A new security stamp ends access tokens and (at the next cookie validation) sessions issued before a
    /// change of rights; a new concurrency stamp is what Identity's own store sets on every update.
    /// </summary>
    public static void RenewStamps(UserAccount person)
    {
        person.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        person.ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
