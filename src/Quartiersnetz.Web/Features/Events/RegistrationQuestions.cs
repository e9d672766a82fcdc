using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quartiersnetz.Features.Events;

/// <summary>Kinds of per-event question; stored and sent by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionKind>))]
internal enum QuestionKind
{
    FreeText,
    SingleChoice,
    MultipleChoice,
    YesNo,
}

/// <summary>
/// A question the office asks everyone registering for one event. "Show only if" points at an earlier question of the
/// same event and one of its answers; a question hidden by its condition is never required and its answer is dropped.
/// </summary>
internal sealed class EventQuestion
{
    public const int TextMaxLength = 300;
    public const int OptionMaxLength = 100;
    public const int MaxOptions = 20;
    public const int MaxQuestions = 30;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid EventId { get; set; }

    /// <summary>Order on the form; conditions may only point at a smaller position.</summary>
    public int Position { get; set; }

    public QuestionKind Kind { get; set; }

    public string Text { get; set; } = "";

    public bool Required { get; set; }

    /// <summary>Choices, one per line (choice kinds only).</summary>
    public string Options { get; set; } = "";

    public Guid? ShowIfQuestionId { get; set; }

    /// <summary>The answer of <see cref="ShowIfQuestionId"/> that shows this question ("Ja"/"Nein" or an option).</summary>
    public string? ShowIfAnswer { get; set; }

    public IReadOnlyList<string> OptionList => Kind switch
    {
        QuestionKind.YesNo => RegistrationForm.YesNoOptions,
        QuestionKind.SingleChoice or QuestionKind.MultipleChoice => Options.Split('\n', StringSplitOptions.RemoveEmptyEntries),
        _ => [],
    };
}

/// <summary>
/// One answer of one registration. The question's text is copied in, and choices are stored as their text, so the
/// office can still read old answers after a question was changed or deleted (then <see cref="QuestionId"/> is null).
/// </summary>
internal sealed class EventRegistrationAnswer
{
    public const int ValueMaxLength = 4000;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid RegistrationId { get; set; }

    public Guid? QuestionId { get; set; }

    public int Position { get; set; }

    public string QuestionText { get; set; } = "";

    /// <summary>The answer; several choices one per line.</summary>
    public string Value { get; set; } = "";
}

/// <summary>
/// A guest's registration request for a public event: stored until the guest follows the link in the mail, which then
/// registers through <see cref="RegisterForEvent.RegisterGuestAsync"/>. Only SHA-256 hashes of the link tokens are kept.
/// One request per e-mail address and event (unique index).
/// </summary>
internal sealed class EventGuestRequest
{
    public const int NameMaxLength = 200;
    public static readonly TimeSpan LinkValidity = TimeSpan.FromHours(48);

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid EventId { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    /// <summary>Upper-case address for the one-per-address rule; null once purged.</summary>
    public string? NormalizedEmail { get; set; }

    public string ConfirmTokenHash { get; set; } = "";

    public string CancelTokenHash { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? ConfirmedAtUtc { get; set; }

    public DateTime? WithdrawnAtUtc { get; set; }

    public Guid? RegistrationId { get; set; }

    /// <summary>The checked answers and accessibility needs (JSON of <see cref="CheckedForm"/>) until confirmation.</summary>
    public string? FormJson { get; set; }

    /// <summary>Companions the guest asked to bring (checked against the event's maximum when asked and again when confirmed).</summary>
    public int Companions { get; set; }

    /// <summary>
    /// SHA-256 of the link in the guest's latest seat-offer mail (/veranstaltungen/gast/platzangebot/{token}); a guest has
    /// no account, so this link alone lets them accept or decline. Replaced by every new offer, cleared when it ends.
    /// </summary>
    public string? OfferTokenHash { get; set; }
}

internal sealed class EventQuestionConfiguration : IEntityTypeConfiguration<EventQuestion>
{
    public void Configure(EntityTypeBuilder<EventQuestion> builder)
    {
        builder.ToTable("EventQuestions");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.Text).HasMaxLength(EventQuestion.TextMaxLength);
        builder.Property(q => q.Options).HasMaxLength(EventQuestion.MaxOptions * (EventQuestion.OptionMaxLength + 1));
        builder.Property(q => q.ShowIfAnswer).HasMaxLength(EventQuestion.OptionMaxLength);
        builder.Ignore(q => q.OptionList);
        builder.HasOne<Event>().WithMany().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(q => new { q.EventId, q.Position });
    }
}

internal sealed class EventRegistrationAnswerConfiguration : IEntityTypeConfiguration<EventRegistrationAnswer>
{
    public void Configure(EntityTypeBuilder<EventRegistrationAnswer> builder)
    {
        builder.ToTable("EventRegistrationAnswers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.QuestionText).HasMaxLength(EventQuestion.TextMaxLength);
        builder.Property(a => a.Value).HasMaxLength(EventRegistrationAnswer.ValueMaxLength);
        builder.HasOne<EventRegistration>().WithMany().HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        // Deleting a question keeps the answers given to it (with the copied question text).
        builder.HasOne<EventQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.RegistrationId, a.Position });
        builder.HasIndex(a => a.QuestionId);
    }
}

internal sealed class EventGuestRequestConfiguration : IEntityTypeConfiguration<EventGuestRequest>
{
    public void Configure(EntityTypeBuilder<EventGuestRequest> builder)
    {
        builder.ToTable("EventGuestRequests");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Name).HasMaxLength(EventGuestRequest.NameMaxLength);
        builder.Property(g => g.Email).HasMaxLength(256);
        builder.Property(g => g.NormalizedEmail).HasMaxLength(256);
        builder.Property(g => g.ConfirmTokenHash).HasMaxLength(64);
        builder.Property(g => g.CancelTokenHash).HasMaxLength(64);
        builder.Property(g => g.FormJson).HasMaxLength(100_000);
        builder.HasOne<Event>().WithMany().HasForeignKey(g => g.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EventRegistration>().WithMany().HasForeignKey(g => g.RegistrationId).OnDelete(DeleteBehavior.SetNull);
        // One guest registration per address and event; purged rows (null address) do not collide on either provider.
        builder.HasIndex(g => new { g.EventId, g.NormalizedEmail }).IsUnique();
        builder.HasIndex(g => g.ConfirmTokenHash).IsUnique();
        builder.HasIndex(g => g.CancelTokenHash).IsUnique();
        builder.Property(g => g.OfferTokenHash).HasMaxLength(64);
        // Null for most rows; NULLs do not collide in a unique index on either provider.
        builder.HasIndex(g => g.OfferTokenHash).IsUnique();
    }
}
