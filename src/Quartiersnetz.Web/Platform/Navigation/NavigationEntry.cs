namespace Quartiersnetz.Platform.Navigation;

/// <summary>
/// An entry of the main navigation. Each feature module registers its own, so the layout shows
/// exactly the features that exist. <paramref name="Label"/> is German source text for the localizer.
/// </summary>
internal sealed record NavigationEntry(string Label, string Path, int Order, string? Policy = null)
{
    /// <summary>False for labels people wrote (a page title): they are shown as they are, not looked up.</summary>
    public bool Localize { get; init; } = true;
}

/// <summary>
/// Entries that come from data rather than from a module (the office's editorial pages). The layout asks every source
/// on each page, so a source answers from memory.
/// </summary>
internal interface INavigationEntrySource
{
    Task<IReadOnlyList<NavigationEntry>> EntriesAsync(CancellationToken cancellationToken);
}

internal static class NavigationServiceCollectionExtensions
{
    public static IServiceCollection AddNavigationEntry(this IServiceCollection services, NavigationEntry entry) =>
        services.AddSingleton(entry);
}
