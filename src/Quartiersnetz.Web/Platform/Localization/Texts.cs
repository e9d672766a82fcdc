using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Quartiersnetz.Platform.Localization;

/// <summary>
/// Marker for the shared string localizer. Source texts are German; an English translation can be
/// added as resources later without touching pages or endpoints.
/// </summary>
internal sealed class Texts;

internal static class LocalizationSetup
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static IServiceCollection AddGermanLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(German);
            options.SupportedCultures = [German];
            options.SupportedUICultures = [German];
        });
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
        {
            var l = factory.Create(typeof(Texts));
            var messages = options.ModelBindingMessageProvider;
            messages.SetValueMustNotBeNullAccessor(field => l["Bitte füllen Sie das Feld „{0}“ aus.", field]);
            messages.SetMissingBindRequiredValueAccessor(field => l["Bitte füllen Sie das Feld „{0}“ aus.", field]);
            messages.SetMissingKeyOrValueAccessor(() => l["Ein Wert fehlt."]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => l["Die Anfrage enthält keine Daten."]);
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => l["Der Wert „{0}“ ist für „{1}“ ungültig.", value, field]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Der Wert „{0}“ ist ungültig.", value]);
            messages.SetUnknownValueIsInvalidAccessor(field => l["Der Wert für „{0}“ ist ungültig.", field]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Der Wert ist ungültig."]);
            messages.SetValueIsInvalidAccessor(value => l["Der Wert „{0}“ ist ungültig.", value]);
            messages.SetValueMustBeANumberAccessor(field => l["Das Feld „{0}“ muss eine Zahl sein.", field]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Das Feld muss eine Zahl sein."]);
        });
        return services;
    }
}
