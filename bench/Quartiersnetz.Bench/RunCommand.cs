namespace Quartiersnetz.Bench;

/// <summary>Publishes, starts, loads and measures the application and writes the report (bench/README.md).</summary>
internal static class RunCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        Console.Error.WriteLine("run: not implemented yet");
        return Task.FromResult(1);
    }
}
