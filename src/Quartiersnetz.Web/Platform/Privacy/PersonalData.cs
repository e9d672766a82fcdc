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

    /// <summary>
    /// Everything stored about the person, as plain JSON-serialisable values. Use dictionaries whose keys
    /// are German labels ("Angelegt am"): "Meine Daten" shows the keys as labels (through the localizer)
    /// and the download uses them as JSON names. Instants as UTC DateTime (shown in Berlin time). Never
    /// export secrets (password or token hashes, TOTP keys, recovery codes).
    /// </summary>
    Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes or anonymises the person's data in the current DbContext without saving; the caller saves
    /// once, so the deletion happens completely or not at all. Future commitments (event registrations)
    /// are cancelled properly here, which may free seats for others. Contributions that must stay for
    /// others (minutes mentioning the person, documents they uploaded) are kept but anonymised: the
    /// reference to the account is cleared and a stored name becomes "Gelöschtes Konto". The platform's
    /// account contributor removes the account row itself in the same SaveChanges, so every row that
    /// references the account must be removed or detached here. Files are deleted by their owner only
    /// after the save succeeded (the deletion use case does this for the profile photo).
    /// </summary>
    Task EraseAsync(Guid userId, CancellationToken cancellationToken);
}
