using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Quartiersnetz.UnitTests.Architecture;

/// <summary>ARCHITECTURE.md rule 4: Data/ and Platform/ never reference Features/; features do not reference each other's pages or endpoints.</summary>
public sealed class LayeringTests
{
    private static readonly System.Reflection.Assembly App = typeof(Quartiersnetz.Data.QuartiersnetzDbContext).Assembly;

    private static readonly ArchUnitNET.Domain.Architecture Model = new ArchLoader().LoadAssemblies(App).Build();

    [Theory]
    [InlineData("Quartiersnetz.Data")]
    [InlineData("Quartiersnetz.Platform")]
    public void Infrastructure_namespaces_do_not_depend_on_features(string infrastructure)
    {
        Types().That().ResideInNamespaceOrBelow(infrastructure)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Quartiersnetz.Features")
            .Check(Model);
    }

    public static TheoryData<string> Features() => new(FeatureNames());

    [Theory]
    [MemberData(nameof(Features))]
    public void A_feature_does_not_use_the_pages_or_endpoints_of_another(string feature)
    {
        var foreignEntryPoints = App.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("Quartiersnetz.Features.", StringComparison.Ordinal)
                && FeatureOf(ns) != feature && FeatureOf(ns) != "Shared")
            .Where(IsEntryPoint)
            .ToArray();

        Types().That().ResideInNamespaceOrBelow("Quartiersnetz.Features." + feature)
            .Should().NotDependOnAny(foreignEntryPoints)
            .Check(Model);
    }

    [Fact]
    public void The_rules_see_the_features_and_their_entry_points()
    {
        Assert.Contains("Municipalities", FeatureNames());
        Assert.Contains(App.GetTypes(), t => IsEntryPoint(t) && t.Name == "MunicipalitiesApi");
        Assert.Contains(App.GetTypes(), t => IsEntryPoint(t) && t.Name == "SignInModel");
    }

    private static bool IsEntryPoint(System.Type type) =>
        typeof(PageModel).IsAssignableFrom(type) || type.Name.EndsWith("Api", StringComparison.Ordinal) || type.Name.EndsWith("Module", StringComparison.Ordinal);

    private static string FeatureOf(string ns) => ns.Split('.')[2];

    private static List<string> FeatureNames() => App.GetTypes()
        .Select(t => t.Namespace)
        .Where(ns => ns?.StartsWith("Quartiersnetz.Features.", StringComparison.Ordinal) == true)
        .Select(ns => FeatureOf(ns!))
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();
}
