namespace Quartiersnetz.Bench.Load;

/// <summary>
/// The accounts the load driver signs in with. The data generator must create exactly these (an office account
/// with an authenticator app, a member without one); when it publishes its own constants, point these at them.
/// </summary>
internal static class BenchCredentials
{
    public const string OfficeEmail = "bench.office@bench.invalid";
    public const string OfficePassword = "Lastprobe-Geschaeftsstelle-2026";

    /// <summary>Base32 authenticator key (160 bits), the form ASP.NET Identity stores and Otp.NET reads.</summary>
    public const string OfficeAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public const string MemberEmail = "bench.member@bench.invalid";
    public const string MemberPassword = "Lastprobe-Mitglied-2026";
}
