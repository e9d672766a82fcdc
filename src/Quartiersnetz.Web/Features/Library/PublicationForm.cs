using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// What the office's publication form posts: everything as text, so a wrong value gets a German message from us and
/// never the model binder's English one. Authors and editors one per line.
/// </summary>
internal sealed class PublicationFormInput
{
    public string? Type { get; set; }

    public string? Title { get; set; }

    public string? Subtitle { get; set; }

    public string? Slug { get; set; }

    public string? Authors { get; set; }

    public string? Editors { get; set; }

    public string? Publisher { get; set; }

    public string? Year { get; set; }

    public string? PublishedOn { get; set; }

    public string? Abstract { get; set; }

    public string? Language { get; set; } = "de";

    public string? Licence { get; set; }

    public string? Doi { get; set; }

    public string? Isbn { get; set; }

    public string? Urn { get; set; }

    public string? Visibility { get; set; } = nameof(PublicationVisibility.Public);

    public bool Published { get; set; }

    public List<string> Topics { get; set; } = [];

    /// <summary>Municipalities the publication is about, one per line (name or AGS).</summary>
    public string? Municipalities { get; set; }

    /// <summary>Programme areas the publication is about, one per line ("Gemeinde: Gebietsname", or the name alone when unique).</summary>
    public string? Areas { get; set; }

    /// <summary>Events the publication belongs to, one per line (address or exact title).</summary>
    public string? RelatedEvents { get; set; }

    /// <summary>Related publications, one per line (address, slug or exact title).</summary>
    public string? RelatedPublications { get; set; }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"];

    public static PublicationFormInput From(PublicationDetails p) => new()
    {
        Type = p.Type.ToString(), Title = p.Title, Subtitle = p.Subtitle, Slug = p.Slug,
        Authors = string.Join("\n", p.Authors), Editors = string.Join("\n", p.Editors), Publisher = p.Publisher,
        Year = p.Year.ToString(CultureInfo.InvariantCulture), PublishedOn = p.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Abstract = p.Abstract, Language = p.Language, Licence = p.Licence, Doi = p.Doi, Isbn = p.Isbn, Urn = p.Urn,
        Visibility = p.Visibility.ToString(), Published = p.PublishedAtUtc is not null, Topics = [.. p.Topics.Select(t => t.Slug)],
        Municipalities = string.Join("\n", p.Municipalities.Select(m => m.Name)),
        Areas = string.Join("\n", p.Areas.Select(a => ProgrammeAreaNames.Line(a.MunicipalityName, a.Name))),
        // The title for people, the address for the check: a series' events share their titles.
        RelatedEvents = string.Join("\n", p.Events.Select(e => RelatedItemNames.EventLine(e.Title, e.Id))),
        RelatedPublications = string.Join("\n", p.Related.Select(r => r.Slug)),
    };

    /// <summary>Texts are kept with LF only (a CR written back into a textarea fails the HTML checker), also when a refused form is shown again.</summary>
    public void NormaliseLineBreaks(ModelStateDictionary state)
    {
        Authors = Normalise(nameof(Authors), Authors);
        Editors = Normalise(nameof(Editors), Editors);
        Abstract = Normalise(nameof(Abstract), Abstract);
        Municipalities = Normalise(nameof(Municipalities), Municipalities);
        Areas = Normalise(nameof(Areas), Areas);
        RelatedEvents = Normalise(nameof(RelatedEvents), RelatedEvents);
        RelatedPublications = Normalise(nameof(RelatedPublications), RelatedPublications);

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
    public SavePublication.Input? ToInput(ModelStateDictionary state, IStringLocalizer<Texts> l)
    {
        var input = new SavePublication.Input
        {
            Title = Title, Subtitle = Subtitle, Slug = Slug, Publisher = Publisher, Abstract = Abstract, Language = Language ?? "",
            Licence = Licence, Doi = Doi, Isbn = Isbn, Urn = Urn, Published = Published, Topics = Topics,
            Authors = [Authors ?? ""], Editors = [Editors ?? ""], Municipalities = [Municipalities ?? ""], Areas = [Areas ?? ""],
            RelatedEvents = [RelatedEvents ?? ""], RelatedPublications = [RelatedPublications ?? ""],
        };
        if (!string.IsNullOrWhiteSpace(Type))
        {
            input.Type = PublicationLabels.Parse<PublicationType>(Type);
            if (input.Type is null)
            {
                state.AddModelError("Input.Type", l["Bitte wählen Sie die Art der Veröffentlichung."]);
            }
        }

        if (!string.IsNullOrWhiteSpace(Visibility))
        {
            input.Visibility = PublicationLabels.Parse<PublicationVisibility>(Visibility);
            if (input.Visibility is null)
            {
                state.AddModelError("Input.Visibility", l["Bitte wählen Sie, wer die Veröffentlichung lesen darf."]);
            }
        }

        if (!string.IsNullOrWhiteSpace(Year))
        {
            if (int.TryParse(Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                input.Year = year;
            }
            else
            {
                state.AddModelError("Input.Year", l["Bitte geben Sie das Erscheinungsjahr als Zahl an, z. B. 2025."]);
            }
        }

        if (!string.IsNullOrWhiteSpace(PublishedOn))
        {
            if (DateOnly.TryParseExact(PublishedOn.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                input.PublishedOn = day;
            }
            else
            {
                state.AddModelError("Input.PublishedOn", l["Bitte geben Sie das Datum an, z. B. 20.05.2026."]);
            }
        }

        return state.ErrorCount == 0 ? input : null;
    }

    public static void AddRefusals(ModelStateDictionary state, IStringLocalizer<Texts> l, IEnumerable<PublicationRefusal> refusals)
    {
        foreach (var refusal in refusals)
        {
            state.AddModelError(refusal.Field.Length == 0 ? "" : "Input." + refusal.Field, l[refusal.Message, refusal.Args]);
        }
    }
}

/// <summary>What the form partial needs.</summary>
internal sealed record PublicationFormModel(ModelStateDictionary State, PublicationFormInput Input, IReadOnlyList<TopicGroup> Topics, string SubmitLabel, string Action)
{
    public string? ErrorOf(string field) => Shared.FieldState.Error(State, "Input." + field);
}
