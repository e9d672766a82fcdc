namespace Quartiersnetz.Platform.Privacy;

/// <summary>
/// A feature's part in the data-subject rights: what it stores about a person (Art. 15/20) and how it
/// erases or anonymises it when the account is deleted (Art. 17). Each feature that stores personal data
/// registers one, so "Meine Daten" and account deletion stay complete as features are added.
/// </summary>
internal interface IPersonalDataContributor
{
    /// <summary>Section title in German, e.g. "Einladungen".</summary>
    string Section { get; }

    /// <summary>Everything stored about the person, as plain JSON-serialisable values.</summary>
    Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes or anonymises the person's data in the current DbContext without saving; the caller saves
    /// once, so the deletion happens completely or not at all. Future commitments (event registrations)
    /// are cancelled properly here, which may free seats for others.
    /// </summary>
    Task EraseAsync(Guid userId, CancellationToken cancellationToken);
}
