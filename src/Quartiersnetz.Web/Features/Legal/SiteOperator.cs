namespace Quartiersnetz.Features.Legal;

/// <summary>Who runs this installation (Site:* settings): shown in the imprint, privacy and accessibility pages.</summary>
internal sealed class SiteOperator
{
    public string Name { get; init; } = "AG Soziale Stadt NRW";

    public string Address { get; init; } = "";

    public string ContactEmail { get; init; } = "";

    public string ContactPhone { get; init; } = "";

    public string ResponsiblePerson { get; init; } = "";

    public static SiteOperator FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Site");
        return new SiteOperator
        {
            Name = string.IsNullOrWhiteSpace(section["OperatorName"]) ? "AG Soziale Stadt NRW" : section["OperatorName"]!,
            Address = section["OperatorAddress"] ?? "",
            ContactEmail = section["ContactEmail"] ?? "",
            ContactPhone = section["ContactPhone"] ?? "",
            ResponsiblePerson = section["ResponsiblePerson"] ?? "",
        };
    }
}

internal static class LegalModule
{
    public static IServiceCollection AddLegal(this IServiceCollection services) =>
        services.AddSingleton(sp => SiteOperator.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
}
