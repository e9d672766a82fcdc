using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.People;

/// <summary>The office changes a person's roles, municipality, function and organisation; every changed field is audited.</summary>
internal static class ChangePersonAssignment
{
    internal sealed class Input
    {
        public List<string> Roles { get; set; } = [];

        [RegularExpression("^[0-9]{8}$", ErrorMessage = "Bitte wählen Sie eine Kommune aus der Liste.")]
        [Display(Name = "Kommune")]
        public string? MunicipalityAgs { get; set; }

        [StringLength(UserAccount.FunctionTitleMaxLength, ErrorMessage = "Die Funktion darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Funktion")]
        public string? FunctionTitle { get; set; }

        [StringLength(UserAccount.OrganisationMaxLength, ErrorMessage = "Die Organisation darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Organisation")]
        public string? Organisation { get; set; }

        [Display(Name = "Organisation im Verzeichnis")]
        public Guid? OrganisationId { get; set; }
    }

    internal enum Result
    {
        Saved,
        Unchanged,
        NotFound,
        UnknownRole,
        UnknownMunicipality,
        UnknownOrganisation,
        OwnOfficeRole,
    }

    public static async Task<Result> HandleAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid personId, Input input, CancellationToken cancellationToken)
    {
        var person = await db.Users.SingleOrDefaultAsync(u => u.Id == personId, cancellationToken);
        if (person is null)
        {
            return Result.NotFound;
        }

        var requested = input.Roles.Distinct(StringComparer.Ordinal).OrderBy(ListPeople.IndexOfRole).ToList();
        if (requested.Any(r => !Roles.All.Contains(r)))
        {
            return Result.UnknownRole;
        }

        // The office would lock itself out of this page; another office account has to do that.
        if (person.Id == actor.Id && !requested.Contains(Roles.Office))
        {
            return Result.OwnOfficeRole;
        }

        var ags = Blank(input.MunicipalityAgs);
        var municipalityNames = await db.Set<Municipality>().AsNoTracking()
            .Where(m => m.Ags == ags || m.Ags == person.MunicipalityAgs)
            .ToDictionaryAsync(m => m.Ags, m => m.Name, cancellationToken);
        if (ags is not null && !municipalityNames.ContainsKey(ags))
        {
            return Result.UnknownMunicipality;
        }

        var organisationNames = await db.Set<Organisation>().AsNoTracking()
            .Where(o => o.Id == input.OrganisationId || o.Id == person.OrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        if (input.OrganisationId is { } organisationId && !organisationNames.ContainsKey(organisationId))
        {
            return Result.UnknownOrganisation;
        }

        var changes = new List<AuditChange>();
        var roleIds = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var current = await db.UserRoles.Where(ur => ur.UserId == person.Id).ToListAsync(cancellationToken);
        var currentNames = roleIds.Where(r => current.Any(c => c.RoleId == r.Value)).Select(r => r.Key).OrderBy(ListPeople.IndexOfRole).ToList();
        var rightsChanged = false;
        if (!currentNames.SequenceEqual(requested))
        {
            db.UserRoles.RemoveRange(current.Where(c => !requested.Any(r => roleIds[r] == c.RoleId)));
            foreach (var role in requested.Where(r => !currentNames.Contains(r)))
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = person.Id, RoleId = roleIds[role] });
            }

            changes.Add(new AuditChange("Rollen", RoleLabels(currentNames), RoleLabels(requested)));
            rightsChanged = true;
        }

        if (person.MunicipalityAgs != ags)
        {
            changes.Add(new AuditChange("Kommune", NameOf(person.MunicipalityAgs), NameOf(ags)));
            person.MunicipalityAgs = ags;
            rightsChanged = true; // the municipality scopes what a Kommunale Koordination may manage
        }

        var function = Blank(input.FunctionTitle);
        if (person.FunctionTitle != function)
        {
            changes.Add(new AuditChange("Funktion", person.FunctionTitle, function));
            person.FunctionTitle = function;
        }

        var organisation = Blank(input.Organisation);
        if (person.Organisation != organisation)
        {
            changes.Add(new AuditChange("Organisation", person.Organisation, organisation));
            person.Organisation = organisation;
        }

        if (person.OrganisationId != input.OrganisationId)
        {
            changes.Add(new AuditChange("Organisation im Verzeichnis", OrganisationName(person.OrganisationId), OrganisationName(input.OrganisationId)));
            person.OrganisationId = input.OrganisationId;
        }

        if (changes.Count == 0)
        {
            return Result.Unchanged;
        }

        if (rightsChanged)
        {
            AccountActivation.RenewStamps(person);
        }
        else
        {
            person.ConcurrencyStamp = Guid.NewGuid().ToString();
        }

        audit.Record(actor, "person.updated", "Person", person.Id.ToString(), person.DisplayName, changes);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Saved;

        string? OrganisationName(Guid? id) => id is { } key ? $"{organisationNames.GetValueOrDefault(key, key.ToString())} ({key})" : null;

        string? NameOf(string? code) => code is null ? null : $"{municipalityNames.GetValueOrDefault(code, code)} ({code})";
    }

    private static string? RoleLabels(List<string> roles) =>
        roles.Count == 0 ? null : string.Join(", ", roles.Select(Roles.Label));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
