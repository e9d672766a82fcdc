using System.ComponentModel.DataAnnotations;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Newsletter;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Profile;

/// <summary>
/// A person edits their own profile, the visibility of each detail and the directory-listing consent.
/// Changes by the person themselves are not administrative actions, so no audit entry is written.
/// </summary>
internal static class EditProfile
{
    public const string PhonePattern = @"^\+?[0-9 ()/\-]*[0-9][0-9 ()/\-]*$";

    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihren Namen ein.")]
        [StringLength(UserAccount.DisplayNameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen haben.")]
        public string DisplayName { get; set; } = "";

        public ProfileVisibility NameVisibility { get; set; } = ProfileVisibility.Members;

        [StringLength(UserAccount.FunctionTitleMaxLength, ErrorMessage = "Die Funktion darf höchstens {1} Zeichen haben.")]
        public string? FunctionTitle { get; set; }

        public ProfileVisibility FunctionVisibility { get; set; } = ProfileVisibility.Members;

        [StringLength(UserAccount.OrganisationMaxLength, ErrorMessage = "Die Organisation darf höchstens {1} Zeichen haben.")]
        public string? Organisation { get; set; }

        [StringLength(8, ErrorMessage = "Bitte wählen Sie eine Gemeinde aus der Liste.")]
        public string? MunicipalityAgs { get; set; }

        public ProfileVisibility OrganisationVisibility { get; set; } = ProfileVisibility.Members;

        [StringLength(UserAccount.PhoneMaxLength, ErrorMessage = "Die Telefonnummer darf höchstens {1} Zeichen haben.")]
        [RegularExpression(PhonePattern, ErrorMessage = "Die Telefonnummer darf nur Ziffern, Leerzeichen und die Zeichen + ( ) / - enthalten.")]
        public string? Phone { get; set; }

        public ProfileVisibility PhoneVisibility { get; set; } = ProfileVisibility.Office;

        public ProfileVisibility EmailVisibility { get; set; } = ProfileVisibility.Members;

        public ProfileVisibility PhotoVisibility { get; set; } = ProfileVisibility.Members;

        /// <summary>Slugs of the chosen topics.</summary>
        public List<string> Topics { get; set; } = [];

        public bool ListInDirectory { get; set; }

        /// <summary>Member issues of the newsletter by e-mail (Features/Newsletter keeps the setting).</summary>
        public bool ReceiveMemberNewsletter { get; set; }
    }

    /// <summary>Saved, or field errors (keyed by input name) and nothing changed.</summary>
    internal sealed record Outcome(IReadOnlyDictionary<string, string> Errors)
    {
        public bool Saved => Errors.Count == 0;
    }

    public static async Task<Input> LoadAsync(QuartiersnetzDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var listed = await db.Set<ConsentRecord>().AnyAsync(
            c => c.UserId == userId && c.Kind == ConsentKinds.DirectoryListing && c.WithdrawnAtUtc == null, cancellationToken);
        return new Input
        {
            DisplayName = user.DisplayName,
            NameVisibility = user.NameVisibility,
            FunctionTitle = user.FunctionTitle,
            FunctionVisibility = user.FunctionVisibility,
            Organisation = user.Organisation,
            MunicipalityAgs = user.MunicipalityAgs,
            OrganisationVisibility = user.OrganisationVisibility,
            Phone = user.PhoneNumber,
            PhoneVisibility = user.PhoneVisibility,
            EmailVisibility = user.EmailVisibility,
            PhotoVisibility = user.PhotoVisibility,
            Topics = [.. (await AssignTopics.ForItemAsync(db, TopicKinds.Person, userId.ToString(), cancellationToken)).Select(t => t.Slug)],
            ListInDirectory = listed,
            ReceiveMemberNewsletter = await MemberNewsletterSetting.WantsAsync(db, userId, cancellationToken),
        };
    }

    /// <summary>
    /// False for a Kommunale Koordination: their municipality decides whose accounts they manage, so only
    /// the office may change it.
    /// </summary>
    public static Task<bool> MayChangeMunicipalityAsync(QuartiersnetzDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .AllAsync(name => name != Roles.MunicipalCoordinator, cancellationToken);

    public static async Task<Outcome> HandleAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid userId, Input input, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var mayChangeMunicipality = await MayChangeMunicipalityAsync(db, userId, cancellationToken);
        var errors = new Dictionary<string, string>();

        // The page shows the municipality read-only to those who may not change it; a posted value is ignored.
        var ags = mayChangeMunicipality ? Blank(input.MunicipalityAgs) : user.MunicipalityAgs;
        if (ags != user.MunicipalityAgs && ags is not null && !await db.Set<Municipality>().AnyAsync(m => m.Ags == ags, cancellationToken))
        {
            errors[nameof(Input.MunicipalityAgs)] = "Bitte wählen Sie eine Gemeinde aus der Liste.";
        }

        var topics = await AssignTopics.HandleAsync(db, TopicKinds.Person, userId.ToString(), input.Topics, cancellationToken);
        if (!topics.Succeeded)
        {
            errors[nameof(Input.Topics)] = "Bitte wählen Sie nur Themenfelder aus der Liste.";
        }

        if (errors.Count > 0)
        {
            return new Outcome(errors);
        }

        user.DisplayName = input.DisplayName.Trim();
        user.NameVisibility = input.NameVisibility;
        user.FunctionTitle = Blank(input.FunctionTitle);
        user.FunctionVisibility = input.FunctionVisibility;
        user.Organisation = Blank(input.Organisation);
        user.MunicipalityAgs = ags;
        user.OrganisationVisibility = input.OrganisationVisibility;
        user.PhoneNumber = Blank(input.Phone);
        user.PhoneVisibility = input.PhoneVisibility;
        user.EmailVisibility = input.EmailVisibility;
        user.PhotoVisibility = input.PhotoVisibility;

        var now = clock.GetUtcNow().UtcDateTime;
        var listing = await db.Set<ConsentRecord>()
            .Where(c => c.UserId == userId && c.Kind == ConsentKinds.DirectoryListing && c.WithdrawnAtUtc == null)
            .ToListAsync(cancellationToken);
        if (input.ListInDirectory && listing.Count == 0)
        {
            db.Add(new ConsentRecord { UserId = userId, Kind = ConsentKinds.DirectoryListing, TextVersion = PrivacyNotice.Version, GivenAtUtc = now });
        }
        else if (!input.ListInDirectory)
        {
            listing.ForEach(c => c.WithdrawnAtUtc = now);
        }

        await MemberNewsletterSetting.SetAsync(db, userId, input.ReceiveMemberNewsletter, now, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(errors);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
