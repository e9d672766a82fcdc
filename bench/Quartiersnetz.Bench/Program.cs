namespace Quartiersnetz.Bench;

/// <summary>
/// bench generate --scale small|national --provider sqlite|postgres --connection "&lt;connection string&gt;" [--seed N]
/// bench run [--scale small|national] [--provider sqlite|postgres|both] [--duration 10]
/// bench pdf|search|certificates --provider sqlite|postgres --connection "&lt;connection string&gt;" (on a generated database)
/// A named class, not top-level statements: the integration tests reference both this and the web app.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "generate" => await GenerateCommand.RunAsync(args[1..]),
        "run" => await RunCommand.RunAsync(args[1..]),
        "pdf" => await PdfCommandAsync(args[1..]),
        "search" => await SearchCommandAsync(args[1..]),
        "certificates" => await CertificatesCommandAsync(args[1..]),
        _ => Usage(),
    };

    /// <summary>bench pdf --provider sqlite|postgres --connection "&lt;cs&gt;": the 100-page PDF measurement on a generated database.</summary>
    private static async Task<int> PdfCommandAsync(string[] args)
    {
        if (GenerateCommand.Parse([.. args, "--scale", "small"]) is not { } options)
        {
            return 2;
        }

        var files = Path.Combine(Path.GetTempPath(), "qn-bench-pdf-" + Guid.NewGuid().ToString("N"));
        try
        {
            await Indexing.PdfIndexing.MeasureAsync(options, files, CancellationToken.None);
            return 0;
        }
        finally
        {
            if (Directory.Exists(files))
            {
                Directory.Delete(files, recursive: true);
            }
        }
    }

    /// <summary>bench search --provider sqlite|postgres --connection "&lt;cs&gt;": the uncached search and similar-items timings on a generated database.</summary>
    private static async Task<int> SearchCommandAsync(string[] args)
    {
        if (GenerateCommand.Parse([.. args, "--scale", "small"]) is not { } options)
        {
            return 2;
        }

        await Indexing.SearchTiming.MeasureAsync(options, CancellationToken.None);
        return 0;
    }

    /// <summary>bench certificates --provider sqlite|postgres --connection "&lt;cs&gt;": bulk issue of 300 certificates, other work meanwhile, single downloads.</summary>
    private static async Task<int> CertificatesCommandAsync(string[] args)
    {
        if (GenerateCommand.Parse([.. args, "--scale", "small"]) is not { } options)
        {
            return 2;
        }

        await Certificates.CertificateTiming.MeasureAsync(options, CancellationToken.None);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: bench generate|run [options]; see bench/README.md");
        return 2;
    }
}
