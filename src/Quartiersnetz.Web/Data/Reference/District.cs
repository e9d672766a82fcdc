namespace Quartiersnetz.Data.Reference;

/// <summary>A Kreis or kreisfreie Stadt of NRW (official reference data, seeded from Destatis).</summary>
internal sealed class District
{
    /// <summary>5-digit key, e.g. 05111.</summary>
    public required string Ags { get; set; }

    public required string Name { get; set; }

    /// <summary>"Kreisfreie Stadt" or "Kreis".</summary>
    public required string Type { get; set; }

    /// <summary>3-digit Regierungsbezirk code, e.g. 051.</summary>
    public required string RegionCode { get; set; }

    public required string RegionName { get; set; }

    public required string SortKey { get; set; }
}
