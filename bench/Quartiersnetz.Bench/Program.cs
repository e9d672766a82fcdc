namespace Quartiersnetz.Bench;

/// <summary>
/// bench generate --scale small|national --provider sqlite|postgres --connection "&lt;connection string&gt;" [--seed N]
/// bench run [--scale small|national] [--provider sqlite|postgres|both] [--duration 10]
/// A named class, not top-level statements: the integration tests reference both this and the web app.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "generate" => await GenerateCommand.RunAsync(args[1..]),
        "run" => await RunCommand.RunAsync(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: bench generate|run [options]; see bench/README.md");
        return 2;
    }
}
