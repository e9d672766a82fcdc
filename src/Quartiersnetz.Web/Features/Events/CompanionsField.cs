using System.Globalization;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// The "Anzahl Begleitpersonen" field of the registration forms (members on the event page, guests on the guest form).
/// The form shows it only where the event allows companions; the maximum is checked here for a field message and again
/// by <see cref="RegisterForEvent"/> under the event's lock, which stays the rule.
/// </summary>
internal static class CompanionsField
{
    public const string Name = "Companions";

    /// <summary>The number posted, or a German refusal naming the field; empty means none.</summary>
    public static (int Value, Refusal? Error) Parse(string? raw, int allowed)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (0, null);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return allowed == 0
                ? (0, new Refusal(Name, EventLabels.CompanionLimit(0)))
                : (0, new Refusal(Name, "Bitte geben Sie die Zahl der Begleitpersonen als ganze Zahl von 0 bis {0} an.", allowed));
        }

        if (value > allowed)
        {
            return (0, new Refusal(Name, EventLabels.CompanionLimit(allowed), allowed));
        }

        return (value, null);
    }
}
