using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Certificates;

/// <summary>
/// Continuing education (AKNW): an event's recognition, points overrides, certificates issued in the background with a
/// public verification, and each person's points account.
/// </summary>
internal static class CertificatesModule
{
    public static IServiceCollection AddCertificates(this IServiceCollection services) =>
        services.AddSingleton<CertificateSignal>()
            .AddSingleton<CertificateIssuer>()
            .AddHostedService(sp => sp.GetRequiredService<CertificateIssuer>())
            .AddScoped<CertificateMails>()
            .AddScoped<IPersonalDataContributor, CertificatePersonalData>();

    public static void MapCertificates(this WebApplication app, RouteGroupBuilder api)
    {
        // The short address printed under the QR code; it only forwards to the verification page.
        app.MapGet("/b/{code}", (string code) => Results.Redirect(VerifyModel.Path + "/" + Uri.EscapeDataString(code)))
            .AllowAnonymous().ExcludeFromDescription();
        api.MapCertificatesApi();
    }
}
