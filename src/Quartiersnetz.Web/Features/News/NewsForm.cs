using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.News;

/// <summary>
/// What the office's article form posts: everything as text, so a wrong value gets a German message from us and never the
/// model binder's English one. The publication time is Berlin wall-clock time and becomes UTC here.
/// </summary>
internal sealed class NewsFormInput
{
    public string? Title { get; set; }

    public string? Slug { get; set; }

    public string? Teaser { get; set; }

    public string? Body { get; set; }

    public string? Visibility { get; set; }

    public string? PublishAt { get; set; }

    public bool PublishNow { get; set; }

    public List<string> Topics { get; set; } = [];

    /// <summary>Event ids, separated by line breaks, commas or spaces.</summary>
    public string? RelatedEvents { get; set; }

    public string? ImageAltText { get; set; }

    public string? ImageCredit { get; set; }

    public bool RemoveImage { get; set; }

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "dd.MM.yyyy HH:mm", "d.M.yyyy H:mm", "dd.MM.yyyy, HH:mm"];

    public static NewsFormInput From(NewsDetails a) => new()
    {
        Title = a.Title, Slug = a.Slug, Teaser = a.Teaser, Body = a.Body, Visibility = a.Visibility.ToString(),
        PublishAt = a.PublishAtUtc is { } at ? BerlinTime.ToBerlin(at).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : null,
        Topics = [.. a.Topics.Select(t => t.Slug)], ImageAltText = a.ImageAltText, ImageCredit = a.ImageCredit,
    };

    /// <summary>
    /// Browsers post line breaks as CR LF; a CR written back into a textarea becomes "&amp;#xD;", which the HTML checker
    /// refuses. Texts are kept with LF only, also the values a refused form shows again.
    /// </summary>
    public void NormaliseLineBreaks(ModelStateDictionary state)
    {
        Teaser = Normalise(nameof(Teaser), Teaser);
        Body = Normalise(nameof(Body), Body);
        RelatedEvents = Normalise(nameof(RelatedEvents), RelatedEvents);

        string? Normalise(string field, string? value)
        {
            if (value is null || !value.Contains('\r', StringComparison.Ordinal))
            {
                return value;
            }

            var normalised = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
            state.SetModelValue("Input." + field, normalised, normalised);
            return normalised;
        }
    }

    /// <summary>The use case's input, or null with German errors in <paramref name="state"/> (keys "Input.Field").</summary>
    public SaveNewsArticle.Input? ToInput(ModelStateDictionary state, IStringLocalizer<Texts> l, byte[]? image)
    {
        var input = new SaveNewsArticle.Input
        {
            Title = Title, Slug = Slug, Teaser = Teaser, Body = Body, PublishNow = PublishNow, Topics = Topics,
            ImageAltText = ImageAltText, ImageCredit = ImageCredit, RemoveImage = RemoveImage, Image = image,
        };
        if (!string.IsNullOrWhiteSpace(Visibility))
        {
            input.Visibility = NewsLabels.ParseVisibility(Visibility);
            if (input.Visibility is null)
            {
                state.AddModelError("Input.Visibility", l["Bitte wählen Sie, wer die Meldung lesen darf."]);
            }
        }

        if (!PublishNow && !string.IsNullOrWhiteSpace(PublishAt))
        {
            if (!DateTime.TryParseExact(PublishAt.Trim(), LocalFormats, BerlinTime.Culture, DateTimeStyles.None, out var local))
            {
                state.AddModelError("Input.PublishAt", l["Bitte geben Sie Datum und Uhrzeit an, z. B. 20.05.2026 10:00."]);
            }
            else if (BerlinTime.ToUtc(local) is not { } utc)
            {
                state.AddModelError("Input.PublishAt", l["Diese Uhrzeit gibt es wegen der Umstellung auf Sommerzeit nicht. Bitte wählen Sie eine andere."]);
            }
            else
            {
                input.PublishAt = new DateTimeOffset(utc);
            }
        }

        foreach (var part in (RelatedEvents ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Guid.TryParse(part, out var id))
            {
                input.RelatedEvents.Add(id);
            }
            else
            {
                state.AddModelError("Input.RelatedEvents", l["„{0}“ ist keine Kennung einer Veranstaltung (z. B. 3f2a…-…, aus der Adresse der Veranstaltung).", part]);
            }
        }

        return state.ErrorCount == 0 ? input : null;
    }

    /// <summary>Puts the use case's refusals into the form state.</summary>
    public static void AddRefusals(ModelStateDictionary state, IStringLocalizer<Texts> l, IEnumerable<NewsRefusal> refusals)
    {
        foreach (var refusal in refusals)
        {
            state.AddModelError(refusal.Field.Length == 0 ? "" : "Input." + refusal.Field, l[refusal.Message, refusal.Args]);
        }
    }
}

/// <summary>What the form partial needs; <see cref="Action"/> is the page's own path (after a preview the address carries the preview handler).</summary>
internal sealed record NewsFormModel(
    ModelStateDictionary State, NewsFormInput Input, IReadOnlyList<TopicGroup> Topics, string SubmitLabel, string? CurrentImageUrl, string? PreviewHtml, string Action)
{
    public string? ErrorOf(string field) => Shared.FieldState.Error(State, "Input." + field);
}
