namespace Quartiersnetz.Platform.Navigation;

/// <summary>
/// An entry of the main navigation. Each feature module registers its own, so the layout shows
/// exactly the features that exist. <paramref name="Label"/> is German source text for the localizer.
/// </summary>
internal sealed record NavigationEntry(string Label, string Path, int Order, string? Policy = null);

internal static class NavigationServiceCollectionExtensions
{
    public static IServiceCollection AddNavigationEntry(this IServiceCollection services, NavigationEntry entry) =>
        services.AddSingleton(entry);
}
