using System.Reflection;

namespace Quartiersnetz.Platform.Auth;

/// <summary>
/// The most common passwords (zxcvbn list, MIT; see CommonPasswords.LICENSE.txt), shipped inside the
/// assembly so the check works offline and never sends a password anywhere. Stored lower-cased.
/// </summary>
internal static class CommonPasswords
{
    private const string ResourceName = "Quartiersnetz.Auth.CommonPasswords.txt";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool Contains(string password) => List.Value.Contains(password.Trim().ToLowerInvariant());

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
