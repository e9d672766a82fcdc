using System.ComponentModel.DataAnnotations;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Audit;

namespace Quartiersnetz.Features.Organisations;

/// <summary>The office creates, changes and deletes organisations; every change is audited with before and after.</summary>
internal static class SaveOrganisation
{
    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie den Namen ein.")]
        [StringLength(Organisation.NameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Bitte wählen Sie eine Art aus der Liste.")]
        [EnumDataType(typeof(OrganisationType), ErrorMessage = "Bitte wählen Sie eine Art aus der Liste.")]
        [Display(Name = "Art")]
        public OrganisationType? Type { get; set; }

        [StringLength(Organisation.AddressMaxLength, ErrorMessage = "Die Adresszeile darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Straße und Hausnummer")]
        public string? AddressLine1 { get; set; }

        [StringLength(Organisation.AddressMaxLength, ErrorMessage = "Die Adresszeile darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Adresszusatz")]
        public string? AddressLine2 { get; set; }

        [RegularExpression("^[0-9]{5}$", ErrorMessage = "Die Postleitzahl besteht aus 5 Ziffern.")]
        [Display(Name = "Postleitzahl")]
        public string? PostalCode { get; set; }

        [StringLength(Organisation.CityMaxLength, ErrorMessage = "Der Ort darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Ort")]
        public string? City { get; set; }

        [StringLength(Organisation.WebsiteMaxLength, ErrorMessage = "Die Website darf höchstens {1} Zeichen haben.")]
        [RegularExpression("^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$", ErrorMessage = "Die Website muss mit http:// oder https:// beginnen.")]
        [Display(Name = "Website")]
        public string? Website { get; set; }

        [RegularExpression("^[0-9]{8}$", ErrorMessage = "Bitte wählen Sie eine Kommune aus der Liste.")]
        [Display(Name = "Kommune")]
        public string? MunicipalityAgs { get; set; }
    }

    internal enum Result
    {
        Saved,
        Unchanged,
        NotFound,
        DuplicateName,
        UnknownMunicipality,
        BadWebsite,
        StillLinked,
    }

    /// <summary>The field and German source text of a refusal.</summary>
    public static (string Field, string Message) Error(Result result) => result switch
    {
        Result.DuplicateName => ("Name", "Es gibt schon eine Organisation dieser Art mit diesem Namen."),
        Result.UnknownMunicipality => ("MunicipalityAgs", "Bitte wählen Sie eine Kommune aus der Liste."),
        Result.BadWebsite => ("Website", "Die Website muss mit http:// oder https:// beginnen."),
        Result.StillLinked => ("", "Die Organisation kann nicht gelöscht werden, solange Personen mit ihr verknüpft sind."),
        _ => ("", ""),
    };

    public static async Task<(Result Result, Guid Id)> CreateAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Input input, CancellationToken cancellationToken)
    {
        var organisation = new Organisation();
        var check = await CheckAsync(db, organisation.Id, input, cancellationToken);
        if (check is not null)
        {
            return (check.Value, Guid.Empty);
        }

        var changes = Apply(organisation, input);
        db.Add(organisation);
        audit.Record(actor, "organisation.created", "Organisation", organisation.Id.ToString(), organisation.Name, changes);
        await db.SaveChangesAsync(cancellationToken);
        return (Result.Saved, organisation.Id);
    }

    public static async Task<Result> UpdateAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid id, Input input, CancellationToken cancellationToken)
    {
        var organisation = await db.Set<Organisation>().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return Result.NotFound;
        }

        var check = await CheckAsync(db, id, input, cancellationToken);
        if (check is not null)
        {
            return check.Value;
        }

        var changes = Apply(organisation, input);
        if (changes.Count == 0)
        {
            return Result.Unchanged;
        }

        audit.Record(actor, "organisation.updated", "Organisation", id.ToString(), organisation.Name, changes);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Saved;
    }

    public static async Task<Result> DeleteAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid id, CancellationToken cancellationToken)
    {
        var organisation = await db.Set<Organisation>().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return Result.NotFound;
        }

        if (await db.Users.AnyAsync(u => u.OrganisationId == id, cancellationToken))
        {
            return Result.StillLinked;
        }

        db.Remove(organisation);
        audit.Record(actor, "organisation.deleted", "Organisation", id.ToString(), organisation.Name,
            [new AuditChange("Name", organisation.Name, null), new AuditChange("Art", OrganisationTypes.Label(organisation.Type), null)]);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Saved;
    }

    private static async Task<Result?> CheckAsync(QuartiersnetzDbContext db, Guid id, Input input, CancellationToken cancellationToken)
    {
        var website = Blank(input.Website);
        if (website is not null
            && (!Uri.TryCreate(website, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host)))
        {
            return Result.BadWebsite;
        }

        var ags = Blank(input.MunicipalityAgs);
        if (ags is not null && !await db.Set<Municipality>().AnyAsync(m => m.Ags == ags, cancellationToken))
        {
            return Result.UnknownMunicipality;
        }

        var name = input.Name!.Trim();
        var type = input.Type!.Value;
        if (await db.Set<Organisation>().AnyAsync(o => o.Id != id && o.Type == type && o.Name == name, cancellationToken))
        {
            return Result.DuplicateName;
        }

        return null;
    }

    private static List<AuditChange> Apply(Organisation organisation, Input input)
    {
        var changes = new List<AuditChange>();
        var isNew = organisation.Name.Length == 0;
        Set("Name", isNew ? null : organisation.Name, input.Name!.Trim(), v =>
        {
            organisation.Name = v!;
            organisation.SortKey = GermanSortKey.For(v!);
        });
        Set("Art", isNew ? null : OrganisationTypes.Label(organisation.Type), OrganisationTypes.Label(input.Type!.Value), _ => organisation.Type = input.Type.Value);
        Set("Straße und Hausnummer", organisation.AddressLine1, Blank(input.AddressLine1), v => organisation.AddressLine1 = v);
        Set("Adresszusatz", organisation.AddressLine2, Blank(input.AddressLine2), v => organisation.AddressLine2 = v);
        Set("Postleitzahl", organisation.PostalCode, Blank(input.PostalCode), v => organisation.PostalCode = v);
        Set("Ort", organisation.City, Blank(input.City), v => organisation.City = v);
        Set("Website", organisation.Website, Blank(input.Website), v => organisation.Website = v);
        Set("Kommune", organisation.MunicipalityAgs, Blank(input.MunicipalityAgs), v => organisation.MunicipalityAgs = v);
        return changes;

        void Set(string field, string? before, string? after, Action<string?> assign)
        {
            if (before != after)
            {
                changes.Add(new AuditChange(field, before, after));
                assign(after);
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
