namespace Quartiersnetz.Bench.Generation;

/// <summary>
/// The two accounts the load driver signs in with. Synthetic data only: the password and the authenticator key
/// are published here on purpose and exist only in generated benchmark databases (addresses on .invalid).
/// </summary>
internal static class BenchAccounts
{
    /// <summary>Every generated account has this password (hashed once, see DataGenerator); it passes the app's password rules.</summary>
    public const string Password = "Lastprofil-Quartiersnetz-2026";

    /// <summary>Role Office, second factor switched on with <see cref="OfficeAuthenticatorKey"/>.</summary>
    public const string OfficeEmail = "bench.office@bench.invalid";

    /// <summary>
    /// Base32 authenticator key as Identity stores it (AspNetUserTokens, "[AspNetUserStore]" / "AuthenticatorKey");
    /// the current code is <c>new Totp(Base32Encoding.ToBytes(OfficeAuthenticatorKey)).ComputeTotp()</c> with Otp.NET.
    /// </summary>
    public const string OfficeAuthenticatorKey = "QNBENCHOFFICEKEYSYNTHETIC2345672";

    /// <summary>Role MemberStaff of a member municipality, listed in the directory.</summary>
    public const string MemberEmail = "bench.member@bench.invalid";

    /// <summary>Every generated address ends with this; it marks the generated people.</summary>
    public const string EmailDomain = "bench.invalid";

    /// <summary>Identity's store names for the authenticator key (UserStoreBase).</summary>
    public const string AuthenticatorLoginProvider = "[AspNetUserStore]";

    public const string AuthenticatorTokenName = "AuthenticatorKey";

    /// <summary>The public event with exactly the scale's participant-list number of registrations (1,000 at national scale).</summary>
    public static readonly Guid ParticipantListEventId = new("b3c4e000-0000-4000-8000-000000001000");

    /// <summary>The open public event the registration burst fills (capacity 100 at national scale, no registrations).</summary>
    public static readonly Guid BurstEventId = new("b3c4e000-0000-4000-8000-000000000100");

    /// <summary>
    /// The personal access token of the n-th burst account (0-based). The generator stores only its SHA-256 hash, as the
    /// app does (PersonalAccessToken.HashOf), for generated accounts in generated databases only; the app has no other way in.
    /// </summary>
    public static string BurstToken(int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"qnp_bench-burst-{index:00000}-synthetic-not-a-secret");

    /// <summary>Name of the burst tokens (PersonalAccessTokens.Name), so they can be told apart from real ones.</summary>
    public const string BurstTokenName = "Lasttest Anmeldeansturm";
}
