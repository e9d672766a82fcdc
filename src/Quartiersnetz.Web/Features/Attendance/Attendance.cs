using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Features.Events;

namespace Quartiersnetz.Features.Attendance;

/// <summary>
/// The personal admission pass of one registration: an unguessable token for the QR code (it carries neither the
/// registration's nor the person's id) and a short code to type when no camera is at hand. Made when the person first
/// opens their pass; walk-ins get one at the door, marked as such, with the organisation typed in by the office.
/// </summary>
internal sealed class CheckInPass
{
    public const int TokenLength = 32;
    public const int ShortCodeLength = 8;
    public const int OrganisationMaxLength = 200;

    /// <summary>Letters and digits that cannot be mistaken for one another when read aloud or typed (no 0/O, 1/I/L).</summary>
    private const string ShortCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public Guid RegistrationId { get; set; }

    public Guid EventId { get; set; }

    /// <summary>24 random bytes, base64url: what the QR code's address carries.</summary>
    public string Token { get; set; } = "";

    /// <summary>8 characters of <see cref="ShortCodeAlphabet"/>, shown as "ABCD-EFGH".</summary>
    public string ShortCode { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Registered at the door by the office.</summary>
    public bool IsWalkIn { get; set; }

    /// <summary>A walk-in guest's organisation (guests have no profile to read it from).</summary>
    public string? WalkInOrganisation { get; set; }

    public static CheckInPass New(Guid registrationId, Guid eventId, DateTime now) => new()
    {
        RegistrationId = registrationId,
        EventId = eventId,
        Token = Base64Url(RandomNumberGenerator.GetBytes(24)),
        ShortCode = RandomNumberGenerator.GetString(ShortCodeAlphabet, ShortCodeLength),
        CreatedAtUtc = now,
    };

    /// <summary>"ABCD-EFGH" for reading; <see cref="NormaliseCode"/> accepts it back with or without the hyphen.</summary>
    public static string Display(string shortCode) => shortCode.Length == ShortCodeLength ? shortCode[..4] + "-" + shortCode[4..] : shortCode;

    /// <summary>What was typed, upper case, without spaces and hyphens; null when it cannot be a short code.</summary>
    public static string? NormaliseCode(string? typed)
    {
        var code = new string((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return code.Length == ShortCodeLength && code.All(ShortCodeAlphabet.Contains) ? code : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// One person's presence on one day of an event: when the office checked them in and (optionally) out. Per day, so a
/// three-day study trip knows who came on which day; the net minutes follow from these times and the day's programme
/// (<see cref="AttendedMinutes"/>).
/// </summary>
internal sealed class AttendanceDay
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid RegistrationId { get; set; }

    public Guid EventId { get; set; }

    /// <summary>The Berlin calendar day.</summary>
    public DateOnly Day { get; set; }

    public DateTime CheckedInAtUtc { get; set; }

    public DateTime? CheckedOutAtUtc { get; set; }

    /// <summary>The office account that checked the person in (who did it is kept with the row instead of in the audit log: one entry per arrival would drown it).</summary>
    public Guid? CheckedInBy { get; set; }

    public Guid? CheckedOutBy { get; set; }
}

internal sealed class CheckInPassConfiguration : IEntityTypeConfiguration<CheckInPass>
{
    public void Configure(EntityTypeBuilder<CheckInPass> builder)
    {
        builder.ToTable("CheckInPasses");
        builder.HasKey(p => p.RegistrationId);
        builder.Property(p => p.Token).HasMaxLength(CheckInPass.TokenLength);
        builder.Property(p => p.ShortCode).HasMaxLength(CheckInPass.ShortCodeLength);
        builder.Property(p => p.WalkInOrganisation).HasMaxLength(CheckInPass.OrganisationMaxLength);
        builder.HasIndex(p => p.Token).IsUnique();
        // Short codes are typed at one event's door: unique per event is enough and keeps collisions impossible to exploit across events.
        builder.HasIndex(p => new { p.EventId, p.ShortCode }).IsUnique();
        builder.HasOne<EventRegistration>().WithMany().HasForeignKey(p => p.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Event>().WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttendanceDayConfiguration : IEntityTypeConfiguration<AttendanceDay>
{
    public void Configure(EntityTypeBuilder<AttendanceDay> builder)
    {
        builder.ToTable("AttendanceDays");
        builder.HasKey(a => a.Id);
        // One row per registration and day: a second check-in finds the first instead of adding one.
        builder.HasIndex(a => new { a.RegistrationId, a.Day }).IsUnique();
        // The day's list and counts of one event.
        builder.HasIndex(a => new { a.EventId, a.Day });
        builder.HasOne<EventRegistration>().WithMany().HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Event>().WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
