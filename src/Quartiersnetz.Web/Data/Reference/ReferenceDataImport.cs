namespace Quartiersnetz.Data.Reference;

/// <summary>Which version of a bundled source file was imported, so an unchanged file is skipped.</summary>
internal sealed class ReferenceDataImport
{
    public required string Source { get; set; }

    public required string ContentHash { get; set; }

    public DateTime ImportedAtUtc { get; set; }

    public int RowCount { get; set; }
}
