namespace Quartiersnetz.Platform.Auth;

/// <summary>The roles of PRODUCT.md. Names are stable identifiers; German labels come from <see cref="Label"/>.</summary>
internal static class Roles
{
    public const string Office = "Office";
    public const string MunicipalCoordinator = "MunicipalCoordinator";
    public const string MemberStaff = "MemberStaff";
    public const string DistrictPartner = "DistrictPartner";
    public const string Expert = "Expert";
    public const string Funder = "Funder";
    public const string Jury = "Jury";

    public static IReadOnlyList<string> All { get; } =
        [Office, MunicipalCoordinator, MemberStaff, DistrictPartner, Expert, Funder, Jury];

    /// <summary>German source text for the localizer.</summary>
    public static string Label(string role) => role switch
    {
        Office => "Geschäftsstelle",
        MunicipalCoordinator => "Kommunale Koordination",
        MemberStaff => "Mitarbeitende",
        DistrictPartner => "Quartierspartner",
        Expert => "Fachleute",
        Funder => "Fördergeber",
        Jury => "Jury",
        _ => role,
    };
}
