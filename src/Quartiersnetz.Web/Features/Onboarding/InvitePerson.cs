using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>
/// Who invites, and therefore what they may invite: the office anyone, a Kommunale Koordination only staff
/// (Mitarbeitende, Quartierspartner) of the municipality in their own claim.
/// </summary>
internal sealed record Inviter(AuditActor Actor, bool IsOffice, string? MunicipalityAgs)
{
    public static readonly IReadOnlyList<string> CoordinatorRoles = [Roles.MemberStaff, Roles.DistrictPartner];

    public static Inviter From(ClaimsPrincipal user) => new(AuditActor.From(user), user.IsInRole(Roles.Office), user.Municipality());

    public IReadOnlyList<string> InvitableRoles => IsOffice ? Roles.All : CoordinatorRoles;

    /// <summary>Whether this inviter may manage (resend, revoke, see) an invitation of that role and municipality.</summary>
    public bool MayManage(string role, string? municipalityAgs) =>
        IsOffice || (MunicipalityAgs is not null && municipalityAgs == MunicipalityAgs && CoordinatorRoles.Contains(role));
}

/// <summary>
/// Invites one person by e-mail. The checks work on a batch so the CSV import validates all rows with three
/// queries and stages all invitations for one SaveChanges; a single invitation is a batch of one.
/// </summary>
internal sealed class InvitePerson(
    QuartiersnetzDbContext db,
    EmailOutbox outbox,
    AuditLog audit,
    PublicUrls urls,
    TimeProvider clock,
    IOptions<IdentityOptions> identity,
    IStringLocalizer<Texts> l)
{
    /// <summary>Roles that belong to a member municipality and therefore need one.</summary>
    private static readonly string[] MunicipalRoles = [Roles.MunicipalCoordinator, Roles.MemberStaff, Roles.DistrictPartner];

    internal sealed class Input
    {
        // The address format is checked by EmailAddress.Normalize (IDN, Unicode local parts), not [EmailAddress].
        [Required(ErrorMessage = "Bitte geben Sie die E-Mail-Adresse ein.")]
        [StringLength(EmailAddress.MaxLength, ErrorMessage = "Die E-Mail-Adresse darf höchstens {1} Zeichen haben.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie den Namen ein.")]
        [StringLength(UserAccount.DisplayNameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen haben.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Bitte wählen Sie eine Rolle.")]
        [StringLength(50, ErrorMessage = "Bitte wählen Sie eine gültige Rolle.")]
        public string Role { get; set; } = "";

        /// <summary>AGS, or (from a CSV file) the exact name of the municipality.</summary>
        [StringLength(200, ErrorMessage = "Bitte wählen Sie eine Gemeinde aus der Liste.")]
        public string? Municipality { get; set; }

        [StringLength(UserAccount.OrganisationMaxLength, ErrorMessage = "Die Organisation darf höchstens {1} Zeichen haben.")]
        public string? Organisation { get; set; }

        [StringLength(UserAccount.FunctionTitleMaxLength, ErrorMessage = "Die Funktion darf höchstens {1} Zeichen haben.")]
        public string? FunctionTitle { get; set; }
    }

    /// <summary>A problem with one field (named as in <see cref="Input"/>), in German.</summary>
    internal sealed record FieldError(string Field, string Message);

    /// <summary>
    /// The checked form of one input: normalised values when valid, else the errors. <see cref="Forbidden"/>
    /// marks an attempt outside the inviter's scope (a forged form); <see cref="PendingInvitationId"/> an open
    /// invitation to the same address that can be sent again instead.
    /// </summary>
    internal sealed record Checked(
        Input Input,
        string? Email,
        string? Role,
        string? MunicipalityAgs,
        IReadOnlyList<FieldError> Errors,
        bool Forbidden,
        Guid? PendingInvitationId)
    {
        public bool IsValid => Errors.Count == 0;
    }

    internal sealed record Outcome(Guid? InvitationId, Checked Check)
    {
        public bool Succeeded => InvitationId is not null;
    }

    public async Task<Outcome> HandleAsync(Input input, Inviter inviter, CancellationToken cancellationToken)
    {
        var check = (await CheckAsync([input], inviter, cancellationToken))[0];
        if (!check.IsValid)
        {
            return new Outcome(null, check);
        }

        var invitation = Stage(check, inviter);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(invitation.Id, check);
    }

    /// <summary>Checks a batch of inputs against each other and the database; changes nothing.</summary>
    public async Task<IReadOnlyList<Checked>> CheckAsync(IReadOnlyList<Input> inputs, Inviter inviter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var emails = inputs.Select(i => EmailAddress.Normalize(i.Email)).ToList();
        var keys = emails.Where(e => e.IsValid).Select(e => EmailAddress.Key(e.Address!)).Distinct().ToList();
        var withAccount = (await db.Users.AsNoTracking()
                .Where(u => u.NormalizedEmail != null && keys.Contains(u.NormalizedEmail))
                .Select(u => u.NormalizedEmail!)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var pending = (await db.Set<Invitation>().AsNoTracking()
                .Where(Invitation.IsOpenAt(now))
                .Where(i => keys.Contains(i.NormalizedEmail))
                .Select(i => new { i.NormalizedEmail, i.Id })
                .ToListAsync(cancellationToken))
            .GroupBy(i => i.NormalizedEmail)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var municipalities = await db.Set<Municipality>().AsNoTracking()
            .Select(m => new { m.Ags, m.Name, m.ShortName })
            .ToListAsync(cancellationToken);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<Checked>(inputs.Count);
        for (var index = 0; index < inputs.Count; index++)
        {
            var input = inputs[index];
            var errors = new List<FieldError>();
            var forbidden = false;
            Guid? pendingId = null;

            var email = emails[index];
            if (!email.IsValid)
            {
                errors.Add(new(nameof(Input.Email), l[email.Error!]));
            }
            else
            {
                var key = EmailAddress.Key(email.Address!);
                var allowed = identity.Value.User.AllowedUserNameCharacters;
                var refused = string.IsNullOrEmpty(allowed) ? "" : new string(email.Address!.Where(c => !allowed.Contains(c)).Distinct().ToArray());
                if (refused.Length > 0)
                {
                    // The address becomes the user name at acceptance; an invitation that could never be accepted is refused now.
                    errors.Add(new(nameof(Input.Email), l["Die E-Mail-Adresse enthält Zeichen, die für einen Zugang nicht möglich sind: {0}", refused]));
                }
                else if (!seen.Add(key))
                {
                    errors.Add(new(nameof(Input.Email), l["Die E-Mail-Adresse {0} kommt mehrfach vor.", email.Address!]));
                }
                else if (withAccount.Contains(key))
                {
                    errors.Add(new(nameof(Input.Email), l["Für die Adresse {0} gibt es bereits einen Zugang.", email.Address!]));
                }
                else if (pending.TryGetValue(key, out var open))
                {
                    pendingId = open;
                    errors.Add(new(nameof(Input.Email), l["Die Adresse {0} hat bereits eine offene Einladung. Sie können diese erneut senden.", email.Address!]));
                }
            }

            if (string.IsNullOrWhiteSpace(input.Name))
            {
                errors.Add(new(nameof(Input.Name), l["Bitte geben Sie den Namen ein."]));
            }

            var role = Roles.All.FirstOrDefault(r => string.Equals(r, input.Role?.Trim(), StringComparison.Ordinal));
            string? ags = null;
            if (role is null)
            {
                errors.Add(new(nameof(Input.Role), l["Bitte wählen Sie eine gültige Rolle."]));
            }
            else if (!inviter.InvitableRoles.Contains(role))
            {
                forbidden = true;
                errors.Add(new(nameof(Input.Role), l["Als Kommunale Koordination können Sie nur Mitarbeitende und Quartierspartner einladen."]));
            }

            var municipality = input.Municipality?.Trim();
            if (!string.IsNullOrEmpty(municipality))
            {
                var matches = municipalities.Where(m => m.Ags == municipality).ToList();
                if (matches.Count == 0)
                {
                    matches = municipalities.Where(m =>
                        string.Equals(m.Name, municipality, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(m.ShortName, municipality, StringComparison.OrdinalIgnoreCase)).ToList();
                }

                if (matches.Count == 1)
                {
                    ags = matches[0].Ags;
                }
                else
                {
                    errors.Add(new(nameof(Input.Municipality), matches.Count == 0
                        ? l["Die Gemeinde „{0}“ ist unbekannt. Bitte geben Sie den Gemeindeschlüssel (AGS) oder den genauen Namen an.", municipality]
                        : l["Der Name „{0}“ passt auf mehrere Gemeinden. Bitte geben Sie den Gemeindeschlüssel (AGS) an.", municipality]));
                }
            }

            if (!inviter.IsOffice)
            {
                if (inviter.MunicipalityAgs is null)
                {
                    forbidden = true;
                    errors.Add(new(nameof(Input.Municipality), l["Ihrem Zugang ist keine Gemeinde zugeordnet. Bitte wenden Sie sich an die Geschäftsstelle."]));
                }
                else if (string.IsNullOrEmpty(municipality))
                {
                    // A coordinator always invites for their own municipality; the form does not ask.
                    ags = inviter.MunicipalityAgs;
                }
                else if (ags is not null && ags != inviter.MunicipalityAgs)
                {
                    forbidden = true;
                    errors.Add(new(nameof(Input.Municipality), l["Sie können nur Personen Ihrer eigenen Gemeinde einladen."]));
                }
            }

            if (role is not null && MunicipalRoles.Contains(role) && ags is null && string.IsNullOrEmpty(municipality))
            {
                errors.Add(new(nameof(Input.Municipality), l["Für die Rolle „{0}“ ist eine Gemeinde anzugeben.", l[Roles.Label(role)].Value]));
            }

            results.Add(new Checked(input, email.Address, role, ags, errors, forbidden, pendingId));
        }

        return results;
    }

    /// <summary>Adds a checked invitation, its mail and the audit entry to the context; the caller saves once.</summary>
    public Invitation Stage(Checked check, Inviter inviter)
    {
        if (!check.IsValid)
        {
            throw new InvalidOperationException("Only a valid check can be staged.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (token, hash) = Invitation.NewToken();
        var invitation = new Invitation
        {
            Email = check.Email!,
            NormalizedEmail = EmailAddress.Key(check.Email!),
            DisplayName = check.Input.Name.Trim(),
            Role = check.Role!,
            MunicipalityAgs = check.MunicipalityAgs,
            Organisation = Blank(check.Input.Organisation),
            FunctionTitle = Blank(check.Input.FunctionTitle),
            TokenHash = hash,
            InvitedById = inviter.Actor.Id,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + Invitation.Validity,
        };
        db.Set<Invitation>().Add(invitation);
        EnqueueMail(invitation, token, inviter.Actor.Name);
        audit.Record(inviter.Actor, "invitation.sent", nameof(Invitation), invitation.Id.ToString(), invitation.Email,
        [
            new AuditChange("Email", null, invitation.Email),
            new AuditChange("Role", null, invitation.Role),
            new AuditChange("MunicipalityAgs", null, invitation.MunicipalityAgs),
        ]);
        return invitation;
    }

    /// <summary>The invitation mail with the link; also used when an invitation is sent again.</summary>
    public void EnqueueMail(Invitation invitation, string token, string inviterName)
    {
        var link = urls.Absolute("/einladung/" + token);
        var text = string.Join("\n", [
            l["Guten Tag {0},", invitation.DisplayName].Value,
            "",
            l["{0} lädt Sie zum Quartiersnetz ein, der Plattform der AG Soziale Stadt NRW. Ihr Zugang erhält die Rolle „{1}“.", inviterName, l[Roles.Label(invitation.Role)].Value].Value,
            "",
            l["Über diesen Link legen Sie Ihr Passwort fest und aktivieren Ihren Zugang:"].Value,
            link,
            "",
            l["Der Link ist bis zum {0} gültig und kann nur einmal verwendet werden. Er gilt nur für die Adresse {1}.", BerlinTime.FormatDateTime(invitation.ExpiresAtUtc), invitation.Email].Value,
            "",
            l["Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren."].Value,
            "",
            l["Ihre Geschäftsstelle der AG Soziale Stadt NRW"].Value,
        ]);
        outbox.Enqueue(new EmailMessage(invitation.Email, invitation.DisplayName, l["Einladung zum Quartiersnetz der AG Soziale Stadt NRW"], text));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
