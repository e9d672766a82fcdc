namespace Quartiersnetz.Data.Reference;

/// <summary>A Gemeinde of NRW (official reference data, seeded from Destatis and BKG).</summary>
internal sealed class Municipality
{
    /// <summary>8-digit Amtlicher Gemeindeschlüssel, e.g. 05111000; a string, keeps the leading zero.</summary>
    public required string Ags { get; set; }

    /// <summary>12-digit Regionalschlüssel.</summary>
    public required string Ars { get; set; }

    /// <summary>Official name, e.g. "Hagen, Stadt der FernUniversität".</summary>
    public required string Name { get; set; }

    /// <summary>The part before the comma, e.g. "Hagen".</summary>
    public required string ShortName { get; set; }

    /// <summary>Folded lower-case short name: the sort and filter key that behaves alike on both providers (de-DE, DIN 5007-1).</summary>
    public required string SortKey { get; set; }

    /// <summary>Kreisfreie Stadt, Stadt or Gemeinde.</summary>
    public required string Type { get; set; }

    public required string DistrictAgs { get; set; }

    public District? District { get; set; }

    public decimal AreaKm2 { get; set; }

    /// <summary>Population on 31.12.2023 (Zensus 2011 basis).</summary>
    public int Population { get; set; }

    public string PostalCode { get; set; } = "";

    public double Longitude { get; set; }

    public double Latitude { get; set; }

    public string Urbanisation { get; set; } = "";

    /// <summary>Boundary as a GeoJSON geometry (WGS84), simplified VG250.</summary>
    public string? BoundaryGeoJson { get; set; }
}
