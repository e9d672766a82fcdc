using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Accounts;

/// <summary>
/// Sends a password-reset link to an account's address. The caller answers the same whether or not the
/// address belongs to an account, so the form reveals nothing about who has one.
/// </summary>
internal sealed class RequestPasswordReset(
    UserManager<UserAccount> users,
    PasswordResetTokens tokens,
    EmailOutbox outbox,
    PublicUrls urls,
    QuartiersnetzDbContext db,
    IStringLocalizer<Texts> l)
{
    public sealed record Input(string Email);

    public enum Outcome
    {
        /// <summary>A mail was queued, or there is no such account: the person sees the same either way.</summary>
        Handled,
    }

    public async Task<Outcome> HandleAsync(Input input, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(input.Email.Trim());
        // An external contact kept by the office has no sign-in: a reset link would give it one.
        if (user?.Email is null || user.IsExternalContact)
        {
            return Outcome.Handled;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = urls.Absolute(
            $"{AccountPaths.ResetPassword}?konto={Uri.EscapeDataString(user.Id.ToString())}&code={Uri.EscapeDataString(token)}");
        var hours = tokens.Lifetime.TotalHours.ToString("0.##", BerlinTime.Culture);
        var text = string.Join("\n", [
            l["Guten Tag {0},", user.DisplayName].Value,
            "",
            l["für Ihren Zugang zu Quartiersnetz wurde ein neues Passwort angefordert. Über diesen Link legen Sie es fest:"].Value,
            "",
            link,
            "",
            l["Der Link gilt {0} Stunden und nur ein einziges Mal.", hours].Value,
            l["Haben Sie das nicht angefordert, ignorieren Sie diese E-Mail einfach. Ihr bisheriges Passwort bleibt gültig."].Value,
            "",
            l["Ihre Geschäftsstelle von Quartiersnetz"].Value,
        ]);
        outbox.Enqueue(new EmailMessage(user.Email, user.DisplayName, l["Neues Passwort für Quartiersnetz festlegen"], text));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Handled;
    }
}
