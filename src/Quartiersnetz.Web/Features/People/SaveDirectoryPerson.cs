using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;

namespace Quartiersnetz.Features.People;

/// <summary>
/// The office keeps directory entries through the API: creates external contacts (a speaker, a participant without an
/// account: no password, no role, so no sign-in) and changes the directory fields of any person. Roles and passwords
/// are not touched here. Everything is checked before anything changes; every change is audited with before and after.
/// </summary>
internal static class SaveDirectoryPerson
{
    public const string PhonePattern = @"^\+?[0-9 ()/\-]*[0-9][0-9 ()/\-]*$";

    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie den Namen ein.")]
        [StringLength(UserAccount.DisplayNameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen haben.")]
        public string? DisplayName { get; set; }

        [StringLength(UserAccount.FunctionTitleMaxLength, ErrorMessage = "Die Funktion darf höchstens {1} Zeichen haben.")]
        public string? FunctionTitle { get; set; }

        public Guid? OrganisationId { get; set; }

        public string? MunicipalityAgs { get; set; }

        [StringLength(UserAccount.PhoneMaxLength, ErrorMessage = "Die Telefonnummer darf höchstens {1} Zeichen haben.")]
        [RegularExpression(PhonePattern, ErrorMessage = "Die Telefonnummer darf nur Ziffern, Leerzeichen und die Zeichen + ( ) / - enthalten.")]
        public string? Phone { get; set; }

        public string? Email { get; set; }

        public List<string>? Topics { get; set; }

        /// <summary>Public, Members or Office; missing means the default of a new entry (or unchanged on update).</summary>
        public string? NameVisibility { get; set; }

        public string? FunctionVisibility { get; set; }

        public string? OrganisationVisibility { get; set; }

        public string? PhoneVisibility { get; set; }

        public string? EmailVisibility { get; set; }
    }

    /// <summary>Field (API name) → German source text of each refusal; empty when the input may be stored.</summary>
    internal sealed record Outcome(Guid Id, bool NotFound, IReadOnlyDictionary<string, string> Errors)
    {
        public bool Succeeded => !NotFound && Errors.Count == 0;
    }

    public static async Task<Outcome> CreateAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Input input, TimeProvider clock, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var person = new UserAccount
        {
            Id = id,
            // Identity needs a user name; the id is unique and can never be mistaken for an address.
            UserName = id.ToString(),
            NormalizedUserName = id.ToString().ToUpperInvariant(),
            IsExternalContact = true,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            // An external contact cannot sign in: no password hash, and locked out should anyone ever set one by mistake.
            LockoutEnabled = true,
            EmailVisibility = ProfileVisibility.Office,
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        var (errors, changes) = await ApplyAsync(db, person, input, isNew: true, cancellationToken);
        if (errors.Count > 0)
        {
            return new Outcome(Guid.Empty, false, errors);
        }

        db.Users.Add(person);
        audit.Record(actor, "person.created", "Person", id.ToString(), person.DisplayName, [new AuditChange("Art", null, "externer Kontakt ohne Zugang"), .. changes]);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(id, false, errors);
    }

    public static async Task<Outcome> UpdateAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid id, Input input, CancellationToken cancellationToken)
    {
        var person = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (person is null)
        {
            return new Outcome(id, true, new Dictionary<string, string>());
        }

        var (errors, changes) = await ApplyAsync(db, person, input, isNew: false, cancellationToken);
        if (errors.Count > 0)
        {
            return new Outcome(id, false, errors);
        }

        if (changes.Count > 0)
        {
            person.ConcurrencyStamp = Guid.NewGuid().ToString();
            audit.Record(actor, "person.updated", "Person", id.ToString(), person.DisplayName, changes);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new Outcome(id, false, errors);
    }

    private static async Task<(Dictionary<string, string> Errors, List<AuditChange> Changes)> ApplyAsync(
        QuartiersnetzDbContext db, UserAccount person, Input input, bool isNew, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = Blank(input.DisplayName);
        if (name is null)
        {
            errors["displayName"] = "Bitte geben Sie den Namen ein.";
        }

        var ags = Blank(input.MunicipalityAgs);
        var municipalityNames = await db.Set<Municipality>().AsNoTracking()
            .Where(m => m.Ags == ags || m.Ags == person.MunicipalityAgs)
            .ToDictionaryAsync(m => m.Ags, m => m.Name, cancellationToken);
        if (ags is not null && !municipalityNames.ContainsKey(ags))
        {
            errors["municipalityAgs"] = "Eine Gemeinde mit diesem Schlüssel gibt es nicht. Bitte geben Sie einen Gemeindeschlüssel (AGS) aus NRW an.";
        }

        var organisationNames = await db.Set<Organisation>().AsNoTracking()
            .Where(o => o.Id == input.OrganisationId || o.Id == person.OrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        if (input.OrganisationId is { } organisationId && !organisationNames.ContainsKey(organisationId))
        {
            errors["organisationId"] = "Eine Organisation mit dieser Kennung gibt es nicht.";
        }

        var email = person.Email;
        if (Blank(input.Email) is { } given)
        {
            var check = EmailAddress.Normalize(given);
            if (!check.IsValid)
            {
                errors["email"] = check.Error!;
            }
            else if (!person.IsExternalContact && !string.Equals(check.Address, person.Email, StringComparison.OrdinalIgnoreCase))
            {
                // The address of an account is how its owner signs in; only they change it.
                errors["email"] = "Die E-Mail-Adresse eines Zugangs mit Anmeldung kann nur die Person selbst ändern.";
            }
            else
            {
                var key = EmailAddress.Key(check.Address!);
                if (await db.Users.AnyAsync(u => u.Id != person.Id && u.NormalizedEmail == key, cancellationToken))
                {
                    errors["email"] = "Diese E-Mail-Adresse gehört schon zu einer anderen Person.";
                }

                email = check.Address;
            }
        }
        else if (person.IsExternalContact || isNew)
        {
            email = null;
        }

        var visibilities = new Dictionary<string, ProfileVisibility?>(StringComparer.Ordinal);
        foreach (var (field, value) in new[]
                 {
                     ("nameVisibility", input.NameVisibility), ("functionVisibility", input.FunctionVisibility),
                     ("organisationVisibility", input.OrganisationVisibility), ("phoneVisibility", input.PhoneVisibility),
                     ("emailVisibility", input.EmailVisibility),
                 })
        {
            if (Blank(value) is null)
            {
                visibilities[field] = null;
            }
            else if (Enum.TryParse<ProfileVisibility>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
            {
                visibilities[field] = parsed;
            }
            else
            {
                errors[field] = "Erlaubt sind Public (öffentlich), Members (Mitglieder) und Office (nur Geschäftsstelle).";
            }
        }

        var topicsBefore = await AssignTopics.ForItemAsync(db, TopicKinds.Person, person.Id.ToString(), cancellationToken);
        if (errors.Count > 0)
        {
            return (errors, []);
        }

        // Checked last: it stages the topic changes in the DbContext, which is saved only when everything is valid.
        if (input.Topics is not null)
        {
            var topics = await AssignTopics.HandleAsync(db, TopicKinds.Person, person.Id.ToString(), input.Topics, cancellationToken);
            if (!topics.Succeeded)
            {
                errors["topics"] = "Mindestens ein Thema gibt es nicht (mehr). Bitte geben Sie Themen mit ihrer Adresse an, z. B. verfuegungsfonds.";
                return (errors, []);
            }
        }

        var changes = new List<AuditChange>();
        Set("Name", isNew ? null : person.DisplayName, name, v => person.DisplayName = v!);
        Set("Funktion", person.FunctionTitle, Blank(input.FunctionTitle), v => person.FunctionTitle = v);
        Set("Organisation im Verzeichnis", OrganisationName(person.OrganisationId), OrganisationName(input.OrganisationId), _ => person.OrganisationId = input.OrganisationId);
        Set("Kommune", MunicipalityName(person.MunicipalityAgs), MunicipalityName(ags), _ => person.MunicipalityAgs = ags);
        Set("Telefon", person.PhoneNumber, Blank(input.Phone), v => person.PhoneNumber = v);
        Set("E-Mail-Adresse", person.Email, email, v =>
        {
            person.Email = v;
            person.NormalizedEmail = v is null ? null : EmailAddress.Key(v);
        });
        Visibility("Name sichtbar für", person.NameVisibility, visibilities["nameVisibility"], v => person.NameVisibility = v);
        Visibility("Funktion sichtbar für", person.FunctionVisibility, visibilities["functionVisibility"], v => person.FunctionVisibility = v);
        Visibility("Organisation sichtbar für", person.OrganisationVisibility, visibilities["organisationVisibility"], v => person.OrganisationVisibility = v);
        Visibility("Telefon sichtbar für", person.PhoneVisibility, visibilities["phoneVisibility"], v => person.PhoneVisibility = v);
        Visibility("E-Mail-Adresse sichtbar für", person.EmailVisibility, visibilities["emailVisibility"], v => person.EmailVisibility = v);
        if (input.Topics is not null)
        {
            var names = await db.Set<Topic>().AsNoTracking().Where(t => input.Topics.Contains(t.Slug)).OrderBy(t => t.SortKey).Select(t => t.Name).ToListAsync(cancellationToken);
            Set("Themenfelder", Join(topicsBefore.Select(t => t.Name)), Join(names), _ => { });
        }

        return (errors, changes);

        void Set(string field, string? before, string? after, Action<string?> assign)
        {
            if (before != after)
            {
                changes.Add(new AuditChange(field, before, after));
                assign(after);
            }
        }

        void Visibility(string field, ProfileVisibility before, ProfileVisibility? after, Action<ProfileVisibility> assign)
        {
            if (after is { } value && (value != before || isNew))
            {
                changes.Add(new AuditChange(field, isNew ? null : ProfileVisibilityLabel(before), ProfileVisibilityLabel(value)));
                assign(value);
            }
        }

        string? OrganisationName(Guid? key) => key is { } k ? $"{organisationNames.GetValueOrDefault(k, k.ToString())} ({k})" : null;

        string? MunicipalityName(string? code) => code is null ? null : $"{municipalityNames.GetValueOrDefault(code, code)} ({code})";
    }

    private static string ProfileVisibilityLabel(ProfileVisibility visibility) => Profile.ProfileVisibilityRules.Label(visibility);

    private static string? Join(IEnumerable<string> names) => names.ToList() is { Count: > 0 } list ? string.Join(", ", list) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
