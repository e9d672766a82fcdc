namespace Quartiersnetz.Features.Topics;

/// <summary>Item kinds in the assignment table; each feature that tags items adds its own.</summary>
internal static class TopicKinds
{
    public const string Person = "person";

    public const string ProgrammeArea = "area";

    public const string Event = "event";

    public const string AgendaItem = "agenda-item";
}
