using Microsoft.AspNetCore.Identity;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Platform.Privacy;

internal static class PersonalDataSetup
{
    /// <summary>The contributors for data the platform itself owns; they come first in "Meine Daten".</summary>
    public static IServiceCollection AddPlatformPersonalData(this IServiceCollection services) => services
        .AddScoped<IPersonalDataContributor, AccountPersonalData>()
        .AddScoped<IPersonalDataContributor, ConsentPersonalData>()
        .AddScoped<IPersonalDataContributor, AuditPersonalData>();
}

/// <summary>
/// The account and profile. Secrets that prove identity (password hash, security stamp, authenticator
/// key, recovery codes, passkey keys) are never exported: they say nothing about the person and would
/// weaken the account if the file leaked. Keys of the exported dictionaries are German labels, because
/// the file is meant for the person.
/// </summary>
internal sealed class AccountPersonalData(QuartiersnetzDbContext db, UserManager<UserAccount> users) : IPersonalDataContributor
{
    public string Section => "Konto und Profil";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return null;
        }

        var municipality = user.MunicipalityAgs is null ? null
            : await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == user.MunicipalityAgs).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
        var roles = await users.GetRolesAsync(user);
        var passkeys = await users.GetPasskeysAsync(user);
        var logins = await users.GetLoginsAsync(user);

        return new Dictionary<string, object?>
        {
            ["Name"] = user.DisplayName,
            ["E-Mail-Adresse"] = user.Email,
            ["E-Mail-Adresse bestätigt"] = user.EmailConfirmed,
            ["Funktion"] = user.FunctionTitle,
            ["Organisation"] = user.Organisation,
            ["Gemeinde"] = municipality is null ? null : $"{municipality} ({user.MunicipalityAgs})",
            ["Programmgebiet"] = user.ProgrammeArea,
            ["Telefon"] = user.PhoneNumber,
            ["Foto gespeichert"] = user.PhotoFileName is not null,
            ["Sichtbarkeit"] = new Dictionary<string, string>
            {
                ["Name"] = VisibilityLabel(user.NameVisibility),
                ["Funktion"] = VisibilityLabel(user.FunctionVisibility),
                ["Organisation und Gemeinde"] = VisibilityLabel(user.OrganisationVisibility),
                ["Telefon"] = VisibilityLabel(user.PhoneVisibility),
                ["E-Mail-Adresse"] = VisibilityLabel(user.EmailVisibility),
                ["Foto"] = VisibilityLabel(user.PhotoVisibility),
            },
            ["Rollen"] = roles.Select(Roles.Label).ToList(),
            ["Zwei-Faktor-Anmeldung aktiv"] = user.TwoFactorEnabled,
            ["Passkeys"] = passkeys.Select(p => new Dictionary<string, object?> { ["Name"] = p.Name, ["Angelegt am"] = p.CreatedAt.UtcDateTime }).ToList(),
            ["Externe Anmeldungen"] = logins.Select(l => l.ProviderDisplayName ?? l.LoginProvider).ToList(),
            ["Fehlgeschlagene Anmeldeversuche seit der letzten Anmeldung"] = user.AccessFailedCount,
            ["Gesperrt bis"] = user.LockoutEnd?.UtcDateTime,
            ["Demo-Zugang"] = user.IsDemo,
            ["Angelegt am"] = user.CreatedAtUtc,
        };
    }

    /// <summary>
    /// Removes the account row. Roles, logins, tokens, claims and passkeys go with it through the
    /// database's cascading deletes, in the caller's one SaveChanges.
    /// </summary>
    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is not null)
        {
            db.Users.Remove(user);
        }
    }

    public static string VisibilityLabel(ProfileVisibility visibility) => visibility switch
    {
        ProfileVisibility.Public => "öffentlich",
        ProfileVisibility.Members => "Mitglieder",
        _ => "nur Geschäftsstelle",
    };
}

/// <summary>Consent records (Art. 7(1)): exported in full, deleted with the account.</summary>
internal sealed class ConsentPersonalData(QuartiersnetzDbContext db) : IPersonalDataContributor
{
    public string Section => "Einwilligungen";

    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var consents = await db.Set<ConsentRecord>().AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderBy(c => c.GivenAtUtc)
            .Select(c => new { c.Kind, c.TextVersion, c.GivenAtUtc, c.WithdrawnAtUtc })
            .ToListAsync(cancellationToken);
        return consents.Select(c => new Dictionary<string, object?>
        {
            ["Einwilligung"] = ConsentKinds.Label(c.Kind),
            ["Fassung des Textes"] = c.TextVersion,
            ["Erteilt am"] = c.GivenAtUtc,
            ["Widerrufen am"] = c.WithdrawnAtUtc,
        }).ToList();
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<ConsentRecord>().RemoveRange(await db.Set<ConsentRecord>().Where(c => c.UserId == userId).ToListAsync(cancellationToken));
}
