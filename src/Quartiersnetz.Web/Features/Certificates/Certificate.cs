using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;

namespace Quartiersnetz.Features.Certificates;

/// <summary>
/// An event's standing as continuing education with the Architektenkammer NRW: the recognition (with the chamber's
/// reference number and the day it was granted), the format and the FuWO topic. One row per event, made when the
/// office first saves it; an event without a row is "nicht beantragt".
/// </summary>
internal sealed class EventCredit
{
    public const int ReferenceMaxLength = 100;
    public const int FuwoTopicMaxLength = 200;

    public Guid EventId { get; set; }

    public RecognitionStatus Recognition { get; set; }

    /// <summary>The chamber's reference number (Anerkennungsnummer); required when recognised.</summary>
    public string? ChamberReference { get; set; }

    /// <summary>The day the chamber granted the recognition (Berlin calendar day).</summary>
    public DateOnly? RecognisedOn { get; set; }

    public CourseFormat Format { get; set; }

    /// <summary>The topic area of the chamber's continuing-education rules (Fort- und Weiterbildungsordnung).</summary>
    public string? FuwoTopic { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// The office's decision to give one participant other points than the rule computes (or points without a timely
/// recognition), always with a reason; set and changed through the audit log.
/// </summary>
internal sealed class PointsOverride
{
    public const int ReasonMaxLength = 500;

    /// <summary>Whole and quarter points only, like the computed ones.</summary>
    public const decimal MaxPoints = 100m;

    public Guid RegistrationId { get; set; }

    public Guid EventId { get; set; }

    public decimal Points { get; set; }

    public string Reason { get; set; } = "";

    public Guid? SetBy { get; set; }

    public DateTime SetAtUtc { get; set; }
}

/// <summary>
/// A certificate of attendance (Teilnahmebescheinigung) as issued: a snapshot of everything printed on it, so the PDF
/// can be drawn again at any time and the verification page shows what the holder's paper says, even after the event
/// or the person's profile changed. A correction issues a new certificate and marks this one as replaced.
/// </summary>
internal sealed class Certificate
{
    public const int CodeLength = 16;
    public const int TextMaxLength = 500;

    /// <summary>Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L), as on the admission pass.</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid EventId { get; set; }

    public Guid RegistrationId { get; set; }

    /// <summary>The account, when the participant has one (guests get their certificate by mail only).</summary>
    public Guid? PersonId { get; set; }

    /// <summary>16 random characters (about 79 bits): the public verification address and the short URL carry it.</summary>
    public string Code { get; set; } = "";

    public string ParticipantName { get; set; } = "";

    public string EventTitle { get; set; } = "";

    /// <summary>The event's topics, comma-separated, as printed.</summary>
    public string Topics { get; set; } = "";

    /// <summary>The date or dates as printed ("Mittwoch, 18. November 2026" or a range).</summary>
    public string Dates { get; set; } = "";

    /// <summary>The place or "Online", as printed.</summary>
    public string Place { get; set; } = "";

    public CourseFormat Format { get; set; }

    public string? FuwoTopic { get; set; }

    /// <summary>The event's first Berlin day; the calendar year of the points account follows from it.</summary>
    public DateOnly EventDay { get; set; }

    public int AttendedMinutes { get; set; }

    public decimal Points { get; set; }

    public bool PointsOverridden { get; set; }

    public string? OverrideReason { get; set; }

    public RecognitionStatus Recognition { get; set; }

    public string? ChamberReference { get; set; }

    public DateOnly? RecognisedOn { get; set; }

    public DateTime IssuedAtUtc { get; set; }

    /// <summary>Set when a corrected certificate replaced this one; the old one stays verifiable as "ersetzt".</summary>
    public Guid? ReplacedById { get; set; }

    public DateTime? ReplacedAtUtc { get; set; }

    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    /// <summary>"ABCD-EFGH-JKLM-NPQR" for reading and typing; <see cref="NormaliseCode"/> takes it back.</summary>
    public static string Display(string code) =>
        code.Length == CodeLength ? string.Join('-', code.Chunk(4).Select(c => new string(c))) : code;

    /// <summary>What was typed or followed, upper case, without hyphens and spaces; null when it cannot be a code.</summary>
    public static string? NormaliseCode(string? typed)
    {
        var code = new string((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return code.Length == CodeLength && code.All(CodeAlphabet.Contains) ? code : null;
    }

    /// <summary>True when the printed content differs from what a fresh issue would print (a correction).</summary>
    public bool DiffersFrom(Certificate other) =>
        ParticipantName != other.ParticipantName || EventTitle != other.EventTitle || Topics != other.Topics || Dates != other.Dates
        || Place != other.Place || Format != other.Format || FuwoTopic != other.FuwoTopic || AttendedMinutes != other.AttendedMinutes
        || Points != other.Points || PointsOverridden != other.PointsOverridden || OverrideReason != other.OverrideReason
        || Recognition != other.Recognition || ChamberReference != other.ChamberReference || RecognisedOn != other.RecognisedOn;
}

/// <summary>
/// A bulk issue the office asked for: the background job claims it, issues (or re-issues) the certificates of the
/// event's participants and mails them. Kept afterwards as the record of what was done.
/// </summary>
internal sealed class CertificateRun
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid EventId { get; set; }

    public Guid? RequestedBy { get; set; }

    public DateTime RequestedAtUtc { get; set; }

    /// <summary>The site's address at the time of the request ("https://host"), for the links in the mails the job writes.</summary>
    public string LinkBase { get; set; } = "";

    /// <summary>Whether the job mails the new certificates (the office may issue without mailing, e.g. for a correction).</summary>
    public bool SendMail { get; set; } = true;

    /// <summary>Set by the node that claimed the run; a claim older than the lease may be taken over after a crash.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    public int Issued { get; set; }

    public int Replaced { get; set; }

    public int Unchanged { get; set; }
}

internal sealed class EventCreditConfiguration : IEntityTypeConfiguration<EventCredit>
{
    public void Configure(EntityTypeBuilder<EventCredit> builder)
    {
        builder.ToTable("EventCredits");
        builder.HasKey(c => c.EventId);
        builder.Property(c => c.Recognition).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Format).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ChamberReference).HasMaxLength(EventCredit.ReferenceMaxLength);
        builder.Property(c => c.FuwoTopic).HasMaxLength(EventCredit.FuwoTopicMaxLength);
        builder.HasOne<Event>().WithOne().HasForeignKey<EventCredit>(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PointsOverrideConfiguration : IEntityTypeConfiguration<PointsOverride>
{
    public void Configure(EntityTypeBuilder<PointsOverride> builder)
    {
        builder.ToTable("PointsOverrides");
        builder.HasKey(o => o.RegistrationId);
        builder.Property(o => o.Points).HasPrecision(6, 2);
        builder.Property(o => o.Reason).HasMaxLength(PointsOverride.ReasonMaxLength);
        builder.HasIndex(o => o.EventId);
        builder.HasOne<EventRegistration>().WithMany().HasForeignKey(o => o.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Event>().WithMany().HasForeignKey(o => o.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("Certificates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Code).HasMaxLength(Certificate.CodeLength);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.ParticipantName).HasMaxLength(Certificate.TextMaxLength);
        builder.Property(c => c.EventTitle).HasMaxLength(Certificate.TextMaxLength);
        builder.Property(c => c.Topics).HasMaxLength(2000);
        builder.Property(c => c.Dates).HasMaxLength(Certificate.TextMaxLength);
        builder.Property(c => c.Place).HasMaxLength(Certificate.TextMaxLength);
        builder.Property(c => c.FuwoTopic).HasMaxLength(EventCredit.FuwoTopicMaxLength);
        builder.Property(c => c.OverrideReason).HasMaxLength(PointsOverride.ReasonMaxLength);
        builder.Property(c => c.ChamberReference).HasMaxLength(EventCredit.ReferenceMaxLength);
        builder.Property(c => c.Points).HasPrecision(6, 2);
        builder.Property(c => c.Recognition).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Format).HasConversion<string>().HasMaxLength(20);
        // The points account: a person's certificates by event day.
        builder.HasIndex(c => new { c.PersonId, c.EventDay });
        // The event's certificates and the current one per registration.
        builder.HasIndex(c => new { c.EventId, c.RegistrationId });
        // No foreign key to the registration: a certificate outlives the purge of registration data and stays verifiable.
        builder.HasOne<Event>().WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CertificateRunConfiguration : IEntityTypeConfiguration<CertificateRun>
{
    public void Configure(EntityTypeBuilder<CertificateRun> builder)
    {
        builder.ToTable("CertificateRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.LinkBase).HasMaxLength(300);
        builder.HasIndex(r => r.FinishedAtUtc);
        builder.HasIndex(r => r.EventId);
        builder.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
