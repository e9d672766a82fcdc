using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Audit;

namespace Quartiersnetz.Features.Municipalities;

/// <summary>The office adds a member municipality, changes its membership or ends it; every change is audited with before and after.</summary>
internal static class ManageMembership
{
    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte wählen Sie eine Kommune aus der Liste.")]
        [RegularExpression("^[0-9]{8}$", ErrorMessage = "Bitte wählen Sie eine Kommune aus der Liste.")]
        [Display(Name = "Kommune")]
        public string? MunicipalityAgs { get; set; }

        [Required(ErrorMessage = "Bitte geben Sie an, seit wann die Kommune Mitglied ist.")]
        [Display(Name = "Mitglied seit")]
        public DateOnly? MemberSince { get; set; }

        [Display(Name = "Ausgetreten am")]
        public DateOnly? LeftOn { get; set; }

        [Display(Name = "Ansprechperson")]
        public Guid? ContactPersonId { get; set; }

        [StringLength(NetworkMembership.NoteMaxLength, ErrorMessage = "Die Notiz darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Notiz")]
        public string? Note { get; set; }
    }

    internal enum Result
    {
        Saved,
        Unchanged,
        NotFound,
        UnknownMunicipality,
        AlreadyMember,
        LeftBeforeJoined,
        ContactFromElsewhere,
    }

    /// <summary>German source text for the localizer, keyed by the field it belongs to.</summary>
    public static (string Field, string Message) Error(Result result) => result switch
    {
        Result.UnknownMunicipality => ("MunicipalityAgs", "Es gibt keine Kommune in NRW mit diesem Schlüssel. Bitte wählen Sie eine Kommune aus der Liste."),
        Result.AlreadyMember => ("MunicipalityAgs", "Für diese Kommune gibt es schon eine Mitgliedschaft. Bitte bearbeiten Sie diese."),
        Result.LeftBeforeJoined => ("LeftOn", "Das Austrittsdatum darf nicht vor dem Beitrittsdatum liegen."),
        Result.ContactFromElsewhere => ("ContactPersonId", "Die Ansprechperson muss zu dieser Kommune gehören."),
        _ => ("", ""),
    };

    public static async Task<Result> AddAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Input input, CancellationToken cancellationToken)
    {
        var ags = input.MunicipalityAgs!;
        var name = await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == ags).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return Result.UnknownMunicipality;
        }

        if (await db.Set<NetworkMembership>().AnyAsync(m => m.MunicipalityAgs == ags, cancellationToken))
        {
            return Result.AlreadyMember;
        }

        var check = await CheckAsync(db, ags, input, cancellationToken);
        if (check is not null)
        {
            return check.Value;
        }

        var membership = new NetworkMembership { MunicipalityAgs = ags };
        var changes = Apply(membership, input);
        db.Add(membership);
        audit.Record(actor, "membership.created", "Mitgliedskommune", ags, name, changes);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Saved;
    }

    public static async Task<Result> UpdateAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, string ags, Input input, CancellationToken cancellationToken)
    {
        var membership = await db.Set<NetworkMembership>().SingleOrDefaultAsync(m => m.MunicipalityAgs == ags, cancellationToken);
        if (membership is null)
        {
            return Result.NotFound;
        }

        var check = await CheckAsync(db, ags, input, cancellationToken);
        if (check is not null)
        {
            return check.Value;
        }

        var wasActive = membership.LeftOn is null;
        var changes = Apply(membership, input);
        if (changes.Count == 0)
        {
            return Result.Unchanged;
        }

        var name = await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == ags).Select(m => m.Name).SingleAsync(cancellationToken);
        audit.Record(actor, wasActive && membership.LeftOn is not null ? "membership.ended" : "membership.updated", "Mitgliedskommune", ags, name, changes);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Saved;
    }

    private static async Task<Result?> CheckAsync(QuartiersnetzDbContext db, string ags, Input input, CancellationToken cancellationToken)
    {
        if (input.LeftOn < input.MemberSince)
        {
            return Result.LeftBeforeJoined;
        }

        if (input.ContactPersonId is { } contact
            && !await db.Users.AnyAsync(u => u.Id == contact && u.MunicipalityAgs == ags, cancellationToken))
        {
            return Result.ContactFromElsewhere;
        }

        return null;
    }

    private static List<AuditChange> Apply(NetworkMembership membership, Input input)
    {
        var changes = new List<AuditChange>();
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (membership.MemberSince != input.MemberSince!.Value)
        {
            changes.Add(new AuditChange("Mitglied seit", Format(membership.MemberSince == default ? null : membership.MemberSince), Format(input.MemberSince)));
            membership.MemberSince = input.MemberSince.Value;
        }

        if (membership.LeftOn != input.LeftOn)
        {
            changes.Add(new AuditChange("Ausgetreten am", Format(membership.LeftOn), Format(input.LeftOn)));
            membership.LeftOn = input.LeftOn;
        }

        if (membership.ContactPersonId != input.ContactPersonId)
        {
            changes.Add(new AuditChange("Ansprechperson", membership.ContactPersonId?.ToString(), input.ContactPersonId?.ToString()));
            membership.ContactPersonId = input.ContactPersonId;
        }

        if (membership.Note != note)
        {
            changes.Add(new AuditChange("Notiz", membership.Note, note));
            membership.Note = note;
        }

        return changes;
    }

    private static string? Format(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
