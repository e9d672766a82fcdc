using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>Funding programmes of the Städtebauförderung; stored and sent by name so the numbers may change.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UrbanDevelopmentProgramme>))]
internal enum UrbanDevelopmentProgramme
{
    /// <summary>Sozialer Zusammenhalt, until 2019 "Soziale Stadt".</summary>
    SozialerZusammenhalt,
    LebendigeZentren,
    WachstumUndNachhaltigeErneuerung,
    StadtumbauWest,
    AktiveStadtUndOrtsteilzentren,
    Sonstiges,
}

/// <summary>Where an area stands in its funding period.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProgrammeAreaStatus>))]
internal enum ProgrammeAreaStatus
{
    InVorbereitung,
    Laufend,
    Verstetigung,
    Abgeschlossen,
}

/// <summary>
/// A Programmgebiet: the quarter of one municipality that receives Städtebauförderung. It has at least a point
/// (Latitude/Longitude) and optionally a boundary; the name is unique within its municipality (compared folded).
/// </summary>
internal sealed class ProgrammeArea
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int PlanTitleMaxLength = 200;

    public Guid Id { get; init; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    /// <summary>The name folded for German sorting and duplicate checks (GermanSortKey).</summary>
    public string SortKey { get; set; } = "";

    public string MunicipalityAgs { get; set; } = "";

    public UrbanDevelopmentProgramme Programme { get; set; } = UrbanDevelopmentProgramme.SozialerZusammenhalt;

    public ProgrammeAreaStatus Status { get; set; } = ProgrammeAreaStatus.Laufend;

    /// <summary>Year the area was admitted to the programme.</summary>
    public int? AdmissionYear { get; set; }

    /// <summary>Year the funding ended or is planned to end.</summary>
    public int? EndYear { get; set; }

    /// <summary>Size in hectares, as the municipality states it (not computed from the boundary).</summary>
    public decimal? SizeHectares { get; set; }

    /// <summary>Inhabitants of the area, as the municipality states it.</summary>
    public int? Population { get; set; }

    /// <summary>Short public description (plain text).</summary>
    public string? Description { get; set; }

    /// <summary>Boundary as a GeoJSON geometry (Polygon or MultiPolygon, WGS84), as validated on save or import.</summary>
    public string? BoundaryGeoJson { get; set; }

    /// <summary>The boundary simplified for the overview map (a few hundred bytes), so all areas fit in one small response.</summary>
    public string? MapGeoJson { get; set; }

    /// <summary>The point shown on the map: the entered point, or a point inside the boundary.</summary>
    public double Latitude { get; set; }

    public double Longitude { get; set; }

    /// <summary>Title of the area's integrated plan (ISEK, InHK), shown as the link text.</summary>
    public string? PlanTitle { get; set; }

    /// <summary>File name of the plan document in file storage (PDF), if uploaded.</summary>
    public string? PlanFileName { get; set; }

    /// <summary>Created by the demo-data switch; lets the office tell sample areas from real ones.</summary>
    public bool IsDemo { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A person to contact about an area, e.g. the Quartiersmanagement; the role is free text.</summary>
internal sealed class ProgrammeAreaContact
{
    public const int RoleMaxLength = 100;

    public Guid AreaId { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>e.g. "Quartiersmanagement", "Programmkoordination der Stadt".</summary>
    public string Role { get; set; } = "";
}

internal sealed class ProgrammeAreaConfiguration : IEntityTypeConfiguration<ProgrammeArea>
{
    public void Configure(EntityTypeBuilder<ProgrammeArea> builder)
    {
        builder.ToTable("ProgrammeAreas");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(ProgrammeArea.NameMaxLength);
        builder.Property(a => a.SortKey).HasMaxLength(ProgrammeArea.NameMaxLength * 2);
        builder.Property(a => a.MunicipalityAgs).HasMaxLength(8);
        builder.HasOne<Municipality>().WithMany().HasForeignKey(a => a.MunicipalityAgs).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MunicipalityAgs, a.SortKey }).IsUnique();
        // The lists' order (municipality, then name) with the key: SQLite reads the page's ids from this index alone instead
        // of every area's row, whose boundary lies inside it (office list at national scale: 3.9 -> 0.4 ms for the ids).
        builder.HasIndex(a => new { a.MunicipalityAgs, a.SortKey, a.Id }).HasDatabaseName("IX_ProgrammeAreas_ListOrder");
        builder.HasIndex(a => a.SortKey);
        builder.Property(a => a.Programme).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(a => a.Programme);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.SizeHectares).HasPrecision(10, 2);
        builder.Property(a => a.Description).HasMaxLength(ProgrammeArea.DescriptionMaxLength);
        builder.Property(a => a.PlanTitle).HasMaxLength(ProgrammeArea.PlanTitleMaxLength);
        builder.Property(a => a.PlanFileName).HasMaxLength(100);
    }
}

internal sealed class ProgrammeAreaContactConfiguration : IEntityTypeConfiguration<ProgrammeAreaContact>
{
    public void Configure(EntityTypeBuilder<ProgrammeAreaContact> builder)
    {
        builder.ToTable("ProgrammeAreaContacts");
        builder.HasKey(c => new { c.AreaId, c.PersonId });
        builder.Property(c => c.Role).HasMaxLength(ProgrammeAreaContact.RoleMaxLength);
        builder.HasOne<ProgrammeArea>().WithMany().HasForeignKey(c => c.AreaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.PersonId);
    }
}
