using System.Globalization;
using MailKit.Security;
using MimeKit;
using Quartiersnetz.Platform.Errors;

namespace Quartiersnetz.Platform.Email;

/// <summary>How the connection to the SMTP server is secured (Email:Smtp:Security).</summary>
internal enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,

    /// <summary>No TLS at all: only for a relay on the same machine or a test server.</summary>
    None,

    /// <summary>STARTTLS is required; the send fails rather than going out in clear text.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>The validated e-mail configuration (keys under Email:). A wrong value names its key.</summary>
internal sealed record EmailSettings
{
    public const string DefaultFromAddress = "noreply@quartiersnetz.local";
    public const string DefaultFromName = "Quartiersnetz – AG Soziale Stadt NRW";

    /// <summary>The longest wait between two attempts, however many attempts failed before.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    public string FromAddress { get; init; } = DefaultFromAddress;

    public string FromName { get; init; } = DefaultFromName;

    /// <summary>Empty: no SMTP, mails are written as .eml files into <see cref="PickupDirectory"/>.</summary>
    public string? SmtpHost { get; init; }

    public int SmtpPort { get; init; } = 587;

    public SmtpSecurity SmtpSecurity { get; init; } = SmtpSecurity.Auto;

    public string? SmtpUserName { get; init; }

    public string? SmtpPassword { get; init; }

    public string PickupDirectory { get; init; } = "data/mail";

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxAttempts { get; init; } = 8;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Sent mails (recipient, subject, times) are deleted after this many days.</summary>
    public int KeepSentDays { get; init; } = 30;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>The folder for .eml files as an absolute path (relative paths start at the working directory).</summary>
    public string PickupFolder => Path.GetFullPath(PickupDirectory);

    public SecureSocketOptions SocketOptions => SmtpSecurity switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>
    /// Backoff after the <paramref name="failedAttempts"/>-th failure: base, 2×base, 4×base …, capped at one
    /// hour (or at the base delay when that is longer), so a long outage is retried at least hourly.
    /// </summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var cap = RetryBaseDelay > MaxRetryDelay ? RetryBaseDelay : MaxRetryDelay;
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = RetryBaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }

    public static EmailSettings FromConfiguration(IConfiguration configuration)
    {
        var defaults = new EmailSettings();
        var fromAddress = Text(configuration, "Email:FromAddress") ?? defaults.FromAddress;
        if (!MailboxAddress.TryParse(fromAddress, out var parsed) || parsed.Address != fromAddress || !fromAddress.Contains('@', StringComparison.Ordinal))
        {
            throw new StartupConfigurationException($"Setting Email:FromAddress has the value '{fromAddress}', which is not an e-mail address.");
        }

        var userName = Text(configuration, "Email:Smtp:UserName");
        var password = configuration["Email:Smtp:Password"];
        if (userName is null && !string.IsNullOrEmpty(password))
        {
            // Never echo the password itself.
            throw new StartupConfigurationException("Setting Email:Smtp:Password is set but Email:Smtp:UserName is empty; set both or neither.");
        }

        var pickup = Text(configuration, "Email:PickupDirectory") ?? defaults.PickupDirectory;
        try
        {
            _ = Path.GetFullPath(pickup);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new StartupConfigurationException($"Setting Email:PickupDirectory is not a valid path: {ex.Message}", ex);
        }

        return new EmailSettings
        {
            FromAddress = fromAddress,
            FromName = Text(configuration, "Email:FromName") ?? defaults.FromName,
            SmtpHost = Text(configuration, "Email:Smtp:Host"),
            SmtpPort = Integer(configuration, "Email:Smtp:Port", defaults.SmtpPort, 1, 65535),
            SmtpSecurity = Security(configuration),
            SmtpUserName = userName,
            SmtpPassword = password,
            PickupDirectory = pickup,
            PollInterval = Duration(configuration, "Email:PollInterval", defaults.PollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1)),
            MaxAttempts = Integer(configuration, "Email:MaxAttempts", defaults.MaxAttempts, 1, 100),
            KeepSentDays = Integer(configuration, "Email:KeepSentDays", defaults.KeepSentDays, 1, 3650),
            RetryBaseDelay = Duration(configuration, "Email:RetryBaseDelay", defaults.RetryBaseDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1)),
            LockDuration = Duration(configuration, "Email:LockDuration", defaults.LockDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
        };
    }

    private static string? Text(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();

    private static int Integer(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var raw = Text(configuration, key);
        if (raw is null)
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new StartupConfigurationException($"Setting {key} has the value '{raw}'; use a whole number from {min} to {max}.");
        }

        return value;
    }

    private static TimeSpan Duration(IConfiguration configuration, string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var raw = Text(configuration, key);
        if (raw is null)
        {
            return fallback;
        }

        if (!TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new StartupConfigurationException(
                $"Setting {key} has the value '{raw}'; use a duration like '00:00:05' (hh:mm:ss) between {min:c} and {max:c}.");
        }

        return value;
    }

    private static SmtpSecurity Security(IConfiguration configuration)
    {
        var raw = Text(configuration, "Email:Smtp:Security");
        if (raw is null)
        {
            return SmtpSecurity.Auto;
        }

        if (!Enum.TryParse<SmtpSecurity>(raw, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(raw, CultureInfo.InvariantCulture, out _))
        {
            throw new StartupConfigurationException(
                $"Setting Email:Smtp:Security has the unknown value '{raw}'; use 'Auto', 'None', 'StartTls' or 'SslOnConnect'.");
        }

        return value;
    }
}
