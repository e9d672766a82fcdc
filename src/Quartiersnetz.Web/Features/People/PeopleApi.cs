using System.Globalization;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.People;

internal sealed record PersonTopic(string Slug, string Name);

/// <summary>
/// A person as the API shows them to the caller: a detail the caller may not see is null. What only the office sees
/// (roles, account state, visibilities) is left out of the JSON for everyone else.
/// </summary>
internal sealed record PersonEntry(
    Guid Id,
    string Name,
    string? Function,
    Guid? OrganisationId,
    string? OrganisationName,
    string? Organisation,
    string? MunicipalityAgs,
    string? MunicipalityName,
    string? Phone,
    string? Email,
    IReadOnlyList<PersonTopic> Topics)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Roles { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsDeactivated { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsExternalContact { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Visibility { get; init; }
}

/// <summary>
/// People in /api/v1. Reading is open to everyone, but each caller sees only whom and what the profile visibility
/// (<see cref="ProfileVisibilityRules"/>) allows them; lists show, outside the office, only people who agreed to the
/// directory listing and external contacts the office keeps, and never deactivated accounts. The office writes
/// directory entries (<see cref="SaveDirectoryPerson"/>).
/// </summary>
internal static class PeopleApi
{
    public const int MaxFilterLength = 100;

    /// <summary>A boxed count, so it can be kept in the audience cache.</summary>
    private sealed record Count(int Value);

    /// <summary>A boxed yes/no, so it can be kept in the audience cache.</summary>
    private sealed record Flag(bool Value);

    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/people").WithTags("Personen");
        group.MapGet("", ListAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("ListPeople")
            .WithSummary("Personen auflisten")
            .WithDescription("Personen des Verzeichnisses, alphabetisch (deutsche Sortierung), seitenweise; jede Angabe nur, soweit ihre Sichtbarkeit es dem Aufrufenden erlaubt. "
                + "Filter: name (Teil des Namens), municipality (AGS), organisation (Kennung), topic (Adresse eines Themas).");
        group.MapGet("/{id:guid}", GetAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("GetPerson")
            .WithSummary("Eine Person abrufen");
        group.MapPost("", CreateAsync).RequireAuthorization(Policies.Office)
            .WithName("CreateExternalPerson")
            .WithSummary("Einen externen Kontakt ohne Zugang anlegen (Geschäftsstelle)")
            .WithDescription("Für Referierende oder Teilnehmende ohne Konto: kein Passwort, keine Rolle, keine Anmeldung. "
                + "Sichtbarkeiten: Public, Members oder Office.");
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.Office)
            .WithName("UpdatePerson")
            .WithSummary("Verzeichnisangaben einer Person ändern (Geschäftsstelle)")
            .WithDescription("Ändert Name, Funktion, Organisation, Gemeinde, Telefon, E-Mail-Adresse (nur bei externen Kontakten), Themen und Sichtbarkeiten; "
                + "nicht Rollen und Passwörter. Fehlende Sichtbarkeiten bleiben, wie sie sind; fehlende Themen (null) bleiben unverändert.");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<PersonEntry>>, ValidationProblem>> ListAsync(
        HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> l, AudienceDataCache cache,
        CancellationToken cancellationToken, string? name = null, string? municipality = null, Guid? organisation = null, string? topic = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (name?.Length > MaxFilterLength)
        {
            errors["name"] = [l["Der Namensfilter darf höchstens {0} Zeichen haben.", MaxFilterLength]];
        }

        var ags = string.IsNullOrWhiteSpace(municipality) ? null : municipality.Trim();
        if (ags is not null && !await db.Set<Municipality>().AnyAsync(m => m.Ags == ags, cancellationToken))
        {
            errors["municipality"] = [l["Die Gemeinde mit dem Schlüssel „{0}“ gibt es nicht.", ags.Length > 40 ? ags[..40] : ags]];
        }

        Guid? topicId = null;
        if (!string.IsNullOrWhiteSpace(topic))
        {
            var slug = topic.Trim();
            topicId = slug.Length <= Topic.SlugMaxLength ? (await TopicLookup.FindAsync(db, slug, cancellationToken))?.Id : null;
            if (topicId is null)
            {
                errors["topic"] = [l["Es gibt kein aktives Thema mit der Adresse „{0}“.", slug.Length > 40 ? slug[..40] : slug]];
            }
        }

        ApiParameters.CheckPaging(errors, l, page, pageSize);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        var audience = await ProfileVisibilityRules.ViewerAsync(authorization, http.User, Guid.Empty);
        var self = http.User.AccountId() ?? Guid.Empty;
        var isOffice = audience >= ProfileViewer.Office;
        var visible = VisibleTo(audience);
        List<Guid>? tagged = null;
        if (topicId is { } tid)
        {
            // Item keys are text; comparing them with the id in SQL would depend on how each provider writes a Guid as text.
            var keys = await db.Set<TopicAssignment>().AsNoTracking().Where(a => a.TopicId == tid && a.ItemKind == TopicKinds.Person)
                .Select(a => a.ItemKey).ToListAsync(cancellationToken);
            tagged = [.. keys.Select(k => Guid.TryParse(k, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)];
        }

        // The people the caller may see; "viewer" is the one who always sees themselves (Guid.Empty: nobody).
        IQueryable<UserAccount> Listed(Guid viewer, bool probePerRow = false)
        {
            var query = db.Users.AsNoTracking();
            if (!isOffice)
            {
                query = ProfileVisibilityRules.ListedFor(query, db, visible, viewer, probePerRow);
                // Deactivated accounts are locked "until" the far future; equality is all both providers translate alike.
                query = query.Where(u => u.LockoutEnd != AccountActivation.DeactivatedUntil);
            }

            if (!string.IsNullOrWhiteSpace(name))
            {
                var lower = name.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF translates ToLower() to SQL lower(); no .NET culture is involved
                query = query.Where(u => u.DisplayName.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
            }

            // Place and organisation narrow only where the caller may see them, so a filter cannot reveal a hidden detail.
            if (ags is not null)
            {
                query = query.Where(u => u.MunicipalityAgs == ags && (isOffice || u.Id == viewer || visible.Contains(u.OrganisationVisibility)));
            }

            if (organisation is { } organisationId)
            {
                query = query.Where(u => u.OrganisationId == organisationId && (isOffice || u.Id == viewer || visible.Contains(u.OrganisationVisibility)));
            }

            if (tagged is not null)
            {
                query = query.Where(u => EF.Parameter(tagged).Contains(u.Id));
            }

            return query;
        }

        // What the audience sees is shared per audience and filter (AudienceDataCache): counting everyone the audience
        // may see reads the whole people table, and a page checks the consent of each row. The caller's own row is
        // the exception — people always see themselves — and is handled per caller below.
        var key = string.Join('\u001f', "people", audience.ToString(), name?.Trim().ToLowerInvariant() ?? "", ags ?? "", organisation?.ToString() ?? "", topicId?.ToString() ?? "");
        var total = await cache.GetOrCreateAsync(
            key + "\u001fcount",
            AudienceDataCache.SavedChangeTags,
            _ => 1,
            async () => new Count(await Listed(Guid.Empty).CountAsync(cancellationToken)));

        // Listed only by "sees themselves" (e.g. a member who hid their name from members): the caller's list has one
        // row more than the audience's, so their pages are their own. Asked once per caller and filter, then kept.
        var onlyAsSelf = !isOffice && self != Guid.Empty && (await cache.GetOrCreateAsync(
            key + "\u001fself\u001f" + self.ToString(),
            AudienceDataCache.SavedChangeTags,
            _ => 1,
            async () => new Flag(await Listed(self).AnyAsync(u => u.Id == self, cancellationToken)
                && !await Listed(Guid.Empty).AnyAsync(u => u.Id == self, cancellationToken)))).Value;

        // The page of the list as "viewer" sees it (Guid.Empty: the audience), each row's consent probed per row.
        async Task<List<PersonEntry>> PageAsync(Guid viewer)
        {
            var rows = await Project(db, Listed(viewer, probePerRow: true).OrderBy(u => u.SortKey).ThenBy(u => u.Id).Skip((page - 1) * pageSize).Take(pageSize))
                .ToListAsync(cancellationToken);
            return await ToEntriesAsync(db, rows, new Viewer(audience, viewer), cancellationToken);
        }

        List<PersonEntry> entries;
        if (onlyAsSelf)
        {
            entries = await PageAsync(self);
        }
        else
        {
            entries = await cache.GetOrCreateAsync(
                key + "\u001fpage\u001f" + page.ToString(CultureInfo.InvariantCulture) + "\u001f" + pageSize.ToString(CultureInfo.InvariantCulture),
                AudienceDataCache.SavedChangeTags,
                e => 1 + (e.Count / 10),
                () => PageAsync(Guid.Empty));

            // The caller on the audience's page sees their own entry as themselves (details hidden from the audience).
            var index = self == Guid.Empty ? -1 : entries.FindIndex(e => e.Id == self);
            if (index >= 0)
            {
                var row = await Project(db, db.Users.AsNoTracking().Where(u => u.Id == self)).SingleAsync(cancellationToken);
                entries = [.. entries];
                entries[index] = (await ToEntriesAsync(db, [row], new Viewer(audience, self), cancellationToken)).Single();
            }
        }

        var count = total.Value + (onlyAsSelf ? 1 : 0);
        return TypedResults.Ok(new PagedResult<PersonEntry>(entries, page, pageSize, count));
    }

    private static async Task<Results<Ok<PersonEntry>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var entry = await FindAsync(db, authorization, http, id, cancellationToken);
        return entry is null ? NotFound(l, id) : TypedResults.Ok(entry);
    }

    private static async Task<Results<Created<PersonEntry>, ValidationProblem>> CreateAsync(
        SaveDirectoryPerson.Input input, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IAuthorizationService authorization,
        IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (Validate(input, l) is { } invalid)
        {
            return invalid;
        }

        var outcome = await SaveDirectoryPerson.CreateAsync(db, audit, AuditActor.From(http.User), input, clock, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Refused(outcome, l);
        }

        return TypedResults.Created($"/api/v1/people/{outcome.Id}", await FindAsync(db, authorization, http, outcome.Id, cancellationToken));
    }

    private static async Task<Results<Ok<PersonEntry>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, SaveDirectoryPerson.Input input, HttpContext http, QuartiersnetzDbContext db, AuditLog audit, IAuthorizationService authorization,
        IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (Validate(input, l) is { } invalid)
        {
            return invalid;
        }

        var outcome = await SaveDirectoryPerson.UpdateAsync(db, audit, AuditActor.From(http.User), id, input, cancellationToken);
        if (outcome.NotFound)
        {
            return NotFound(l, id);
        }

        if (!outcome.Succeeded)
        {
            return Refused(outcome, l);
        }

        return TypedResults.Ok((await FindAsync(db, authorization, http, id, cancellationToken))!);
    }

    private sealed record Viewer(ProfileViewer Audience, Guid Self);

    private sealed record Row(
        Guid Id, string DisplayName, ProfileVisibility NameVisibility, string? FunctionTitle, ProfileVisibility FunctionVisibility,
        Guid? OrganisationId, string? OrganisationName, string? Organisation, ProfileVisibility OrganisationVisibility,
        string? MunicipalityAgs, string? MunicipalityName, string? Phone, ProfileVisibility PhoneVisibility, string? Email,
        ProfileVisibility EmailVisibility, DateTimeOffset? LockoutEnd, bool IsExternalContact);

    /// <summary>
    /// One person as the caller may see them, or null when the caller may not see the name — the same rule as the
    /// person page; deactivated accounts exist only for the office.
    /// </summary>
    private static async Task<PersonEntry?> FindAsync(
        QuartiersnetzDbContext db, IAuthorizationService authorization, HttpContext http, Guid id, CancellationToken cancellationToken)
    {
        var row = await Project(db, db.Users.AsNoTracking().Where(u => u.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var audience = await ProfileVisibilityRules.ViewerAsync(authorization, http.User, id);
        if (audience < ProfileViewer.Office && (!ProfileVisibilityRules.CanSee(row.NameVisibility, audience) || AccountActivation.IsDeactivated(row.LockoutEnd)))
        {
            return null;
        }

        return (await ToEntriesAsync(db, [row], new Viewer(audience, http.User.AccountId() ?? Guid.Empty), cancellationToken)).Single();
    }

    private static IQueryable<Row> Project(QuartiersnetzDbContext db, IQueryable<UserAccount> users) =>
        users.Select(u => new Row(
            u.Id, u.DisplayName, u.NameVisibility, u.FunctionTitle, u.FunctionVisibility,
            u.OrganisationId, db.Set<Organisation>().Where(o => o.Id == u.OrganisationId).Select(o => o.Name).FirstOrDefault(), u.Organisation,
            u.OrganisationVisibility,
            u.MunicipalityAgs, db.Set<Municipality>().Where(m => m.Ags == u.MunicipalityAgs).Select(m => m.Name).FirstOrDefault(),
            u.PhoneNumber, u.PhoneVisibility, u.Email, u.EmailVisibility, u.LockoutEnd, u.IsExternalContact));

    /// <summary>Applies the visibility rules field by field; topics and (for the office) roles in one query each for the whole page.</summary>
    private static async Task<List<PersonEntry>> ToEntriesAsync(QuartiersnetzDbContext db, IReadOnlyList<Row> rows, Viewer viewer, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var keys = rows.Select(r => r.Id.ToString()).ToList();
        var topics = (await db.Set<TopicAssignment>().AsNoTracking()
                .Where(a => a.ItemKind == TopicKinds.Person && EF.Parameter(keys).Contains(a.ItemKey))
                .Join(db.Set<Topic>().Where(t => t.Status == TopicStatus.Active), a => a.TopicId, t => t.Id, (a, t) => new { a.ItemKey, t.Slug, t.Name, t.SortKey })
                .ToListAsync(cancellationToken))
            .GroupBy(t => t.ItemKey)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PersonTopic>)g.OrderBy(t => t.SortKey, StringComparer.Ordinal).Select(t => new PersonTopic(t.Slug, t.Name)).ToList());
        var isOffice = viewer.Audience >= ProfileViewer.Office;
        var roles = isOffice ? await ListPeople.RolesOfAsync(db, [.. rows.Select(r => r.Id)], cancellationToken) : [];
        return [.. rows.Select(r =>
        {
            var seenBy = r.Id == viewer.Self ? ProfileViewer.Self : viewer.Audience;
            bool Can(ProfileVisibility visibility) => ProfileVisibilityRules.CanSee(visibility, seenBy);
            var organisation = Can(r.OrganisationVisibility);
            return new PersonEntry(
                r.Id, r.DisplayName,
                Can(r.FunctionVisibility) ? r.FunctionTitle : null,
                organisation ? r.OrganisationId : null,
                organisation ? r.OrganisationName : null,
                organisation ? r.Organisation : null,
                organisation ? r.MunicipalityAgs : null,
                organisation ? r.MunicipalityName : null,
                Can(r.PhoneVisibility) ? r.Phone : null,
                Can(r.EmailVisibility) ? r.Email : null,
                topics.GetValueOrDefault(r.Id.ToString()) ?? [])
            {
                Roles = isOffice ? roles.GetValueOrDefault(r.Id) ?? [] : null,
                IsDeactivated = isOffice ? AccountActivation.IsDeactivated(r.LockoutEnd) : null,
                IsExternalContact = isOffice ? r.IsExternalContact : null,
                Visibility = isOffice
                    ? new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["name"] = r.NameVisibility.ToString(), ["function"] = r.FunctionVisibility.ToString(),
                        ["organisation"] = r.OrganisationVisibility.ToString(), ["phone"] = r.PhoneVisibility.ToString(),
                        ["email"] = r.EmailVisibility.ToString(),
                    }
                    : null,
            };
        })];
    }

    private static List<ProfileVisibility> VisibleTo(ProfileViewer viewer) =>
        [.. Enum.GetValues<ProfileVisibility>().Where(v => ProfileVisibilityRules.CanSee(v, viewer))];

    private static ValidationProblem? Validate(SaveDirectoryPerson.Input input, IStringLocalizer<Texts> l)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
        {
            return null;
        }

        var errors = results
            .SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(member => (Field: JsonName(member), Message: l[r.ErrorMessage ?? ""].Value)))
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Felder."]);
    }

    private static ValidationProblem Refused(SaveDirectoryPerson.Outcome outcome, IStringLocalizer<Texts> l) =>
        TypedResults.ValidationProblem(
            outcome.Errors.ToDictionary(e => e.Key, e => new[] { l[e.Value].Value }, StringComparer.Ordinal),
            detail: l["Bitte korrigieren Sie die genannten Felder."]);

    private static ProblemHttpResult NotFound(IStringLocalizer<Texts> l, Guid id) =>
        TypedResults.Problem(l["Es gibt keine Person mit der Kennung {0}, die Sie sehen dürfen.", id], statusCode: StatusCodes.Status404NotFound);

    private static string JsonName(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];
}
