namespace Quartiersnetz.Bench.Load;

/// <summary>
/// The accounts the load driver signs in with: an office account with an authenticator app, a member without one.
/// The values mirror <c>Generation/BenchAccounts</c> of the data generator (developed on a parallel branch); once both
/// are merged these constants should simply forward to it. Synthetic data only: these accounts exist only in generated
/// benchmark databases (addresses on .invalid).
/// </summary>
internal static class BenchCredentials
{
    public const string OfficeEmail = "bench.office@bench.invalid";
    public const string OfficePassword = "Lastprofil-Quartiersnetz-2026";

    /// <summary>Base32 authenticator key (160 bits), the form ASP.NET Identity stores and Otp.NET reads.</summary>
    public const string OfficeAuthenticatorKey = "QNBENCHOFFICEKEYSYNTHETIC2345672";

    public const string MemberEmail = "bench.member@bench.invalid";
    public const string MemberPassword = "Lastprofil-Quartiersnetz-2026";
}
