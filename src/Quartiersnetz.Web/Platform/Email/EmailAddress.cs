using System.Globalization;

namespace Quartiersnetz.Platform.Email;

/// <summary>The result of checking an address: the ASCII form to store and send to, or a German message.</summary>
internal sealed record EmailAddressCheck(string? Address, string? Error)
{
    public bool IsValid => Address is not null;
}

/// <summary>
/// One place that decides which e-mail addresses the portal accepts and in which form it stores them.
/// Internationalised domains (bücherei-köln.de) are converted to punycode, because every mail server can
/// deliver to those. Non-ASCII local parts (jörg@…) are refused: they need SMTPUTF8, which many municipal
/// mail servers still lack, so the invitation would silently never arrive. Messages are German source texts
/// for the localizer.
/// </summary>
internal static class EmailAddress
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;

    public const string InvalidMessage = "Bitte geben Sie eine gültige E-Mail-Adresse ein (z. B. name@beispiel.de).";
    public const string NonAsciiLocalPartMessage =
        "Der Teil vor dem @ darf keine Umlaute oder anderen Sonderzeichen enthalten, weil viele Mailserver solche Adressen nicht zustellen. Bitte verwenden Sie eine Adresse ohne Umlaute vor dem @ (z. B. joerg@beispiel.de).";
    public const string TooLongMessage = "Die E-Mail-Adresse darf höchstens 254 Zeichen haben.";

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    // RFC 5322 "atext" without quoting: what real addresses use.
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~.";

    /// <summary>Checks and normalises an address: trimmed, domain in lower-case ASCII (punycode), local part kept as written.</summary>
    public static EmailAddressCheck Normalize(string? input)
    {
        var value = input?.Trim() ?? "";
        var at = value.LastIndexOf('@');
        if (value.Length == 0 || at <= 0 || at == value.Length - 1)
        {
            return Invalid(InvalidMessage);
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        if (!local.All(char.IsAscii))
        {
            return Invalid(NonAsciiLocalPartMessage);
        }

        if (local.Length > MaxLocalPartLength
            || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            || !local.All(c => char.IsAsciiLetterOrDigit(c) || LocalSpecials.Contains(c)))
        {
            return Invalid(InvalidMessage);
        }

        string asciiDomain;
        try
        {
            // Also folds full-width and other compatibility forms, and lower-cases.
            asciiDomain = Idn.GetAscii(domain.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return Invalid(InvalidMessage);
        }

        var labels = asciiDomain.Split('.');
        if (labels.Length < 2
            || labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-') || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            || labels[^1].All(char.IsAsciiDigit))
        {
            return Invalid(InvalidMessage);
        }

        var address = local + "@" + asciiDomain;
        return address.Length > MaxLength ? Invalid(TooLongMessage) : new EmailAddressCheck(address, null);
    }

    /// <summary>The form used for equality checks (Identity's normalisation of an already normalised address).</summary>
    public static string Key(string normalizedAddress) => normalizedAddress.ToUpperInvariant();

    private static EmailAddressCheck Invalid(string message) => new(null, message);
}
