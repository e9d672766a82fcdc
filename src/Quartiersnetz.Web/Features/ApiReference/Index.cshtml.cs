using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quartiersnetz.Features.ApiReference;

internal sealed record ApiOperation(string Tag, string Method, string Path, string? Summary, string? Description, IReadOnlyList<ApiParameter> Parameters, IReadOnlyList<int> Statuses);

internal sealed record ApiParameter(string Name, string Source, string Type, bool Required);

/// <summary>A readable reference of /api/v1, rendered on the server from the same metadata as /openapi/v1.json.</summary>
[AllowAnonymous]
internal sealed class IndexModel(IApiDescriptionGroupCollectionProvider apiExplorer) : PageModel
{
    public IReadOnlyList<IGrouping<string, ApiOperation>> Groups { get; private set; } = [];

    public void OnGet()
    {
        Groups = apiExplorer.ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .Where(d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
            .Select(d => new ApiOperation(
                d.ActionDescriptor.EndpointMetadata.OfType<ITagsMetadata>().FirstOrDefault()?.Tags is { Count: > 0 } tags ? tags[0] : "API",
                d.HttpMethod ?? "GET",
                "/" + d.RelativePath!.TrimEnd('/'),
                d.ActionDescriptor.EndpointMetadata.OfType<IEndpointSummaryMetadata>().FirstOrDefault()?.Summary,
                d.ActionDescriptor.EndpointMetadata.OfType<IEndpointDescriptionMetadata>().FirstOrDefault()?.Description,
                d.ParameterDescriptions
                    .Where(p => p.Source.Id is "Query" or "Path" or "Body")
                    .Select(p => new ApiParameter(p.Name, p.Source.Id, TypeName(p.Type), p.IsRequired))
                    .ToList(),
                d.SupportedResponseTypes.Select(r => r.StatusCode).Distinct().Order().ToList()))
            .GroupBy(o => o.Tag)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static string TypeName(Type? type)
    {
        if (type is null)
        {
            return "";
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(string) ? "Text" : underlying == typeof(int) ? "Ganzzahl" : underlying.Name;
    }
}
