namespace Quartiersnetz.Data.Reference;

/// <summary>Where the bundled open-data files are read from; tests substitute corrected copies.</summary>
internal interface IReferenceDataSource
{
    Stream Open(string fileName);
}

/// <summary>The files in Data/Reference/Sources, embedded in the assembly at build time.</summary>
internal sealed class EmbeddedReferenceDataSource : IReferenceDataSource
{
    public Stream Open(string fileName) =>
        typeof(EmbeddedReferenceDataSource).Assembly.GetManifestResourceStream("ReferenceData." + fileName)
        ?? throw new FileNotFoundException($"Reference data file {fileName} is not embedded.", fileName);
}
