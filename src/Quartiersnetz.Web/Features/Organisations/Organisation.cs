using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Organisations;

/// <summary>Kinds of organisation in the network; stored and sent by name so the numbers may change.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrganisationType>))]
internal enum OrganisationType
{
    Traeger,
    Hochschule,
    Fachverband,
    Ministerium,
    Bezirksregierung,
    Beratungsbuero,
    Sonstige,
}

internal static class OrganisationTypes
{
    public static IReadOnlyList<OrganisationType> All { get; } = Enum.GetValues<OrganisationType>();

    /// <summary>German source text for the localizer.</summary>
    public static string Label(OrganisationType type) => type switch
    {
        OrganisationType.Traeger => "Träger",
        OrganisationType.Hochschule => "Hochschule",
        OrganisationType.Fachverband => "Fachverband",
        OrganisationType.Ministerium => "Ministerium",
        OrganisationType.Bezirksregierung => "Bezirksregierung",
        OrganisationType.Beratungsbuero => "Beratungsbüro",
        _ => "Sonstige",
    };
}

/// <summary>An organisation people of the network work for (Träger, Hochschule, Ministerium …). The name is unique per type.</summary>
internal sealed class Organisation
{
    public const int NameMaxLength = 200;
    public const int AddressMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int WebsiteMaxLength = 300;

    public Guid Id { get; init; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    /// <summary>The name folded for German sorting and searching (case, umlauts, ß).</summary>
    public string SortKey { get; set; } = "";

    public OrganisationType Type { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    public string? Website { get; set; }

    public string? MunicipalityAgs { get; set; }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("Organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength);
        builder.Property(o => o.SortKey).HasMaxLength(Organisation.NameMaxLength * 2);
        builder.HasIndex(o => o.SortKey);
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(o => new { o.Type, o.Name }).IsUnique();
        builder.Property(o => o.AddressLine1).HasMaxLength(Organisation.AddressMaxLength);
        builder.Property(o => o.AddressLine2).HasMaxLength(Organisation.AddressMaxLength);
        builder.Property(o => o.PostalCode).HasMaxLength(5);
        builder.Property(o => o.City).HasMaxLength(Organisation.CityMaxLength);
        builder.Property(o => o.Website).HasMaxLength(Organisation.WebsiteMaxLength);
        builder.Property(o => o.MunicipalityAgs).HasMaxLength(8);
        builder.HasOne<Municipality>().WithMany().HasForeignKey(o => o.MunicipalityAgs).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany<UserAccount>().WithOne().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}
