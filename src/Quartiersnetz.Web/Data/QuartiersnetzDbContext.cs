using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Data;

/// <summary>
/// The one database context. Features add their entities through IEntityTypeConfiguration classes
/// in their own folders, found by assembly scan, and query them with Set&lt;T&gt;() — so this file
/// never needs to know a feature.
/// </summary>
internal sealed class QuartiersnetzDbContext(DbContextOptions<QuartiersnetzDbContext> options)
    : IdentityDbContext<UserAccount, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Data-protection keys live in the database so every app node and every restart share them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(QuartiersnetzDbContext).Assembly);
        builder.Entity<UserAccount>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(UserAccount.DisplayNameMaxLength);
            user.Property(u => u.FunctionTitle).HasMaxLength(UserAccount.FunctionTitleMaxLength);
            user.Property(u => u.Organisation).HasMaxLength(UserAccount.OrganisationMaxLength);
            user.Property(u => u.MunicipalityAgs).HasMaxLength(8);
            user.Property(u => u.ProgrammeArea).HasMaxLength(UserAccount.OrganisationMaxLength);
            user.Property(u => u.PhotoFileName).HasMaxLength(100);
            user.Property(u => u.PhoneNumber).HasMaxLength(UserAccount.PhoneMaxLength);
            user.HasIndex(u => u.MunicipalityAgs);
            // The foreign key to Organisations (SetNull) is configured by the organisations feature: Data does not know features.
            user.HasIndex(u => u.OrganisationId);
            // German sort key of the name (twice the length: ß folds to ss); the directory lists page along this index.
            user.Property(u => u.SortKey).HasMaxLength(UserAccount.DisplayNameMaxLength * 2);
            user.HasIndex(u => new { u.SortKey, u.Id });
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // All instants are stored in UTC; SQLite forgets the kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
