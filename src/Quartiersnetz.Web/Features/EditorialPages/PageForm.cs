using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>What the office's page form posts; everything as text, so a wrong value gets our German message.</summary>
internal sealed partial class PageFormInput
{
    public string? Title { get; set; }

    public string? Slug { get; set; }

    public string? Description { get; set; }

    public string? Body { get; set; }

    public bool ShowInNavigation { get; set; }

    public string? Note { get; set; }

    /// <summary>The revision the form was loaded from (edit only).</summary>
    public int BaseRevision { get; set; }

    /// <summary>The parent page's id, empty for the top level (create only).</summary>
    public string? ParentId { get; set; }

    public EditPages.Content ToContent() => new()
    {
        Title = Title, Slug = Slug, Description = Description, Body = Body, ShowInNavigation = ShowInNavigation, Note = Note,
    };

    /// <summary>
    /// Browsers post line breaks as CR LF; a CR written back into a textarea becomes "&amp;#xD;", which the HTML checker
    /// refuses. Texts are kept with LF only, also the values a refused form shows again.
    /// </summary>
    public void NormaliseLineBreaks(ModelStateDictionary state)
    {
        if (Body is not null && Body.Contains('\r', StringComparison.Ordinal))
        {
            Body = Body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
            state.SetModelValue("Input.Body", Body, Body);
        }
    }

    /// <summary>Puts the use case's refusals into the form state (keys "Input.Field", or "" for the whole form).</summary>
    public static void AddRefusals(ModelStateDictionary state, IStringLocalizer<Texts> l, IEnumerable<PageRefusal> refusals)
    {
        foreach (var refusal in refusals)
        {
            state.AddModelError(refusal.Field.Length == 0 ? "" : "Input." + refusal.Field, l[refusal.Message, refusal.Args]);
        }
    }

    /// <summary>
    /// True when the text holds HTML or a "javascript:" link: the page shows HTML as plain text and drops such links,
    /// and the form says so instead of surprising the author.
    /// </summary>
    public static bool HasUnsafeMarkup(string? body) =>
        body is not null && (body.Contains("javascript:", StringComparison.OrdinalIgnoreCase) || HtmlTag().IsMatch(body));

    [System.Text.RegularExpressions.GeneratedRegex("<[a-zA-Z!/]")]
    private static partial System.Text.RegularExpressions.Regex HtmlTag();
}

/// <summary>One choice of a parent page: its id (empty for the top level) and its title indented by its depth.</summary>
internal sealed record ParentOption(string Value, string Label);

/// <summary>What the form partial needs. <see cref="ParentOptions"/> is set on the create form only.</summary>
internal sealed record PageFormModel(
    ModelStateDictionary State, PageFormInput Input, string Action, string SubmitLabel, string? PreviewHtml, bool IsSystemPage,
    IReadOnlyList<ParentOption>? ParentOptions = null)
{
    public string? ErrorOf(string field) => Shared.FieldState.Error(State, "Input." + field);

    public bool ShowsUnsafeHint => PageFormInput.HasUnsafeMarkup(State.TryGetValue("Input.Body", out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : Input.Body);

    /// <summary>The parent choices, each top-level page first and its sub-pages indented below it.</summary>
    public static IReadOnlyList<ParentOption> OptionsFrom(PageTree tree, Guid? except)
    {
        var options = new List<ParentOption> { new("", "(oberste Ebene)") };
        foreach (var (node, depth) in tree.Flatten())
        {
            if (except is { } self && tree.IsSelfOrDescendant(node.Id, self))
            {
                continue;
            }

            options.Add(new ParentOption(node.Id.ToString(), new string('\u00A0', depth * 4) + node.Title));
        }

        return options;
    }
}
