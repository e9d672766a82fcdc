using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// What the office's event form posts: everything as text, so a wrong value gets a German message from us and never the
/// model binder's English one. Dates are Berlin wall-clock times (the browser's date-time field sends
/// "2026-05-20T10:00"; typed "20.05.2026 10:00" is accepted too) and become UTC here.
/// </summary>
internal sealed class EventFormInput
{
    public string? Type { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? StartsAt { get; set; }

    public string? EndsAt { get; set; }

    public string? PlaceMode { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    public string? OnlineLink { get; set; }

    public string? Organiser { get; set; }

    public string? Audience { get; set; }

    public string? Language { get; set; }

    public string? AccessibilityInfo { get; set; }

    public string? FeeText { get; set; }

    public string? Capacity { get; set; }

    public string? RegistrationOpensAt { get; set; }

    public string? RegistrationClosesAt { get; set; }

    public string? CancellationDeadline { get; set; }

    public bool RequiresConfirmation { get; set; }

    public string? Status { get; set; }

    public List<string> Topics { get; set; } = [];

    public string? CompanionsAllowed { get; set; }

    public string? OfferHours { get; set; }

    /// <summary>"KeepEveryone" or "MoveLastToWaitlist"; asked only when the capacity drops below the seats taken.</summary>
    public string? CapacityReduction { get; set; }
    public string? MunicipalityAgs { get; set; }

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "dd.MM.yyyy HH:mm", "d.M.yyyy H:mm", "dd.MM.yyyy, HH:mm"];

    public static EventFormInput From(EventDetails e) => new()
    {
        Type = e.Type.ToString(), Title = e.Title, Description = e.Description, StartsAt = Local(e.StartUtc), EndsAt = Local(e.EndUtc),
        PlaceMode = e.PlaceMode.ToString(), VenueName = e.VenueName, VenueAddress = e.VenueAddress, OnlineLink = e.OnlineLink, Organiser = e.Organiser,
        Audience = e.Audience.ToString(), Language = e.Language, AccessibilityInfo = e.AccessibilityInfo, FeeText = e.FeeText,
        Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture), RegistrationOpensAt = Local(e.RegistrationOpensUtc),
        RegistrationClosesAt = Local(e.RegistrationClosesUtc), CancellationDeadline = Local(e.CancellationDeadlineUtc),
        RequiresConfirmation = e.RequiresConfirmation, Status = e.Status.ToString(), Topics = [.. e.Topics.Select(t => t.Slug)],
        CompanionsAllowed = e.CompanionsAllowed.ToString(CultureInfo.InvariantCulture), OfferHours = e.OfferHours?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The use case's input, or null with German errors in <paramref name="state"/> (keys "Input.Field").</summary>
    public SaveEvent.Input? ToInput(ModelStateDictionary state, IStringLocalizer<Texts> l)
    {
        var input = new SaveEvent.Input
        {
            Type = ParseEnum<EventType>(nameof(Type), Type, "Bitte wählen Sie eine Art aus der Liste."),
            Title = Title, Description = Description,
            StartsAt = ParseInstant(nameof(StartsAt), StartsAt),
            EndsAt = ParseInstant(nameof(EndsAt), EndsAt),
            PlaceMode = ParseEnum<PlaceMode>(nameof(PlaceMode), PlaceMode, "Bitte wählen Sie, wo die Veranstaltung stattfindet."),
            VenueName = VenueName, VenueAddress = VenueAddress, OnlineLink = OnlineLink, Organiser = Organiser,
            Audience = ParseEnum<EventAudience>(nameof(Audience), Audience, "Bitte wählen Sie, für wen die Veranstaltung ist."),
            Language = Language, AccessibilityInfo = AccessibilityInfo, FeeText = FeeText,
            RegistrationOpensAt = ParseInstant(nameof(RegistrationOpensAt), RegistrationOpensAt),
            RegistrationClosesAt = ParseInstant(nameof(RegistrationClosesAt), RegistrationClosesAt),
            CancellationDeadline = ParseInstant(nameof(CancellationDeadline), CancellationDeadline),
            RequiresConfirmation = RequiresConfirmation,
            Status = string.IsNullOrWhiteSpace(Status) ? null : ParseEnum<EventStatus>(nameof(Status), Status, "Bitte wählen Sie einen Status aus der Liste."),
            Topics = Topics,
            MunicipalityAgs = string.IsNullOrWhiteSpace(MunicipalityAgs) ? null : MunicipalityAgs.Trim(),
        };
        if (!string.IsNullOrWhiteSpace(Capacity))
        {
            if (int.TryParse(Capacity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var capacity))
            {
                input.Capacity = capacity;
            }
            else
            {
                Add(nameof(Capacity), l["Bitte geben Sie die Zahl der Plätze als ganze Zahl an (leer = unbegrenzt)."]);
            }
        }

        input.CompanionsAllowed = WholeNumber(nameof(CompanionsAllowed), CompanionsAllowed, "Bitte geben Sie die Zahl der Begleitpersonen als ganze Zahl an (leer = keine).");
        input.OfferHours = WholeNumber(nameof(OfferHours), OfferHours, "Bitte geben Sie die Frist in ganzen Stunden an (leer = sofort nachrücken).");
        input.CapacityReduction = string.IsNullOrWhiteSpace(CapacityReduction)
            ? null
            : ParseEnum<CapacityReduction>(nameof(CapacityReduction), CapacityReduction, "Bitte wählen Sie, was mit den Anmeldungen geschehen soll.");

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                // A field that could not be read already has its message; "required" would only repeat it.
                if (!state.ContainsKey("Input." + member) || state["Input." + member]!.Errors.Count == 0)
                {
                    Add(member, l[result.ErrorMessage ?? ""]);
                }
            }
        }

        return state.ErrorCount == 0 ? input : null;

        T? ParseEnum<T>(string field, string? value, string message)
            where T : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
            {
                return parsed;
            }

            Add(field, l[message]);
            return null;
        }

        DateTimeOffset? ParseInstant(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (!DateTime.TryParseExact(value.Trim(), LocalFormats, BerlinTime.Culture, DateTimeStyles.None, out var local))
            {
                Add(field, l["Bitte geben Sie Datum und Uhrzeit an, z. B. 20.05.2026 10:00."]);
                return null;
            }

            if (BerlinTime.ToUtc(local) is not { } utc)
            {
                Add(field, l["Diese Uhrzeit gibt es wegen der Umstellung auf Sommerzeit nicht. Bitte wählen Sie eine andere."]);
                return null;
            }

            return new DateTimeOffset(utc);
        }

        void Add(string field, string message) => state.AddModelError("Input." + field, message);

        int? WholeNumber(string field, string? value, string message)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            Add(field, l[message]);
            return null;
        }
    }

    private static string? Local(DateTime? utc) =>
        utc is { } value ? BerlinTime.ToBerlin(value).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : null;
}

/// <summary>What the shared form partial needs.</summary>
internal sealed record EventFormModel(
    ModelStateDictionary State, EventFormInput Input, IReadOnlyList<TopicGroup> Topics, bool IsNew, string SubmitLabel, bool AskCapacityReduction = false)
{
    public string? ErrorOf(string field) => Shared.FieldState.Error(State, "Input." + field);

    public string? Attempted(string field, string? current) =>
        State.TryGetValue("Input." + field, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : current;
}

/// <summary>The filter above event lists; <see cref="Past"/> null hides the "past events" box (public list).</summary>
/// <remarks>The calendar's further filters show when <see cref="Calendar"/> is given (public list and month view).</remarks>
internal sealed record EventFilterModel(string Action, string? Type, bool? Past = null, CalendarFilterModel? Calendar = null);

/// <summary>Topic, Regierungsbezirk and online/on-site filters of the public calendar; <see cref="Month"/> keeps the month view's month.</summary>
internal sealed record CalendarFilterModel(
    IReadOnlyList<TopicGroup> Topics, string? Topic, IReadOnlyList<(string Code, string Name)> Regions, string? Region, string? Place,
    (int Year, int Month)? Month = null);
