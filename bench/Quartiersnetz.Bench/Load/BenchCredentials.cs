using Quartiersnetz.Bench.Generation;

namespace Quartiersnetz.Bench.Load;

/// <summary>
/// The accounts the load driver signs in with, as the generator creates them (<see cref="BenchAccounts"/>): an office
/// account with an authenticator app, a member without one.
/// </summary>
internal static class BenchCredentials
{
    public const string OfficeEmail = BenchAccounts.OfficeEmail;
    public const string OfficePassword = BenchAccounts.Password;

    /// <summary>Base32 authenticator key, the form ASP.NET Identity stores and Otp.NET reads.</summary>
    public const string OfficeAuthenticatorKey = BenchAccounts.OfficeAuthenticatorKey;

    public const string MemberEmail = BenchAccounts.MemberEmail;
    public const string MemberPassword = BenchAccounts.Password;
}
