namespace Quartiersnetz.BrowserTests.Infrastructure;

/// <summary>Locations inside the repository, found from the test binary so that any working directory works.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string VnuJar => Path.Combine(Root, "tests", "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    public static string LighthouseCli => Path.Combine(Root, "tests", "tools", "node_modules", "lighthouse", "cli", "index.js");

    public static string Screenshots => Path.Combine(Root, "artifacts", "screenshots");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Quartiersnetz.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Quartiersnetz.slnx above {AppContext.BaseDirectory}: the browser tests must run from a checkout.");
    }
}
