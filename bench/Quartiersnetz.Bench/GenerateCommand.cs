namespace Quartiersnetz.Bench;

/// <summary>Creates a reproducible data set at a chosen scale (bench/README.md).</summary>
internal static class GenerateCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        Console.Error.WriteLine("generate: not implemented yet");
        return Task.FromResult(1);
    }
}
