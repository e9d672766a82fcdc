namespace Quartiersnetz.Features.AuditTrail;

/// <summary>German labels (localizer source text) for the stable action keys features write into the audit log.</summary>
internal static class AuditActionLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["person.updated"] = "Person geändert",
        ["person.created"] = "Person im Verzeichnis angelegt",
        ["person.deactivated"] = "Zugang deaktiviert",
        ["person.reactivated"] = "Zugang wieder aktiviert",
        ["apitoken.created"] = "Persönliches Zugangstoken erstellt",
        ["apitoken.revoked"] = "Persönliches Zugangstoken widerrufen",
        ["invitation.sent"] = "Einladung verschickt",
        ["invitation.accepted"] = "Einladung angenommen",
        ["invitation.revoked"] = "Einladung zurückgezogen",
        ["accessrequest.approved"] = "Zugangsanfrage angenommen",
        ["accessrequest.rejected"] = "Zugangsanfrage abgelehnt",
        ["account.deleted"] = "Zugang gelöscht",
        ["account.password_changed"] = "Passwort geändert",
        ["account.twofactor_enabled"] = "Zwei-Faktor-Authentisierung eingerichtet",
        ["account.twofactor_disabled"] = "Zwei-Faktor-Authentisierung abgeschaltet",
        ["outbox.retried"] = "E-Mail erneut versandt",
        ["topic.created"] = "Thema angelegt",
        ["topic.updated"] = "Thema geändert",
        ["topic.retired"] = "Thema stillgelegt",
        ["topic.reactivated"] = "Thema wieder aktiviert",
        ["topic.merged"] = "Thema zusammengeführt",
        ["area.created"] = "Programmgebiet angelegt",
        ["area.updated"] = "Programmgebiet geändert",
        ["area.deleted"] = "Programmgebiet gelöscht",
        ["area.imported"] = "Programmgebiet importiert",
        ["area.plan_uploaded"] = "Entwicklungskonzept hochgeladen",
        ["area.plan_removed"] = "Entwicklungskonzept entfernt",
        ["page.created"] = "Seite angelegt",
        ["page.updated"] = "Seite geändert",
        ["page.restored"] = "Version einer Seite wiederhergestellt",
        ["page.moved"] = "Seite verschoben",
        ["page.reordered"] = "Reihenfolge der Seiten geändert",
        ["page.published"] = "Seite veröffentlicht",
        ["page.unpublished"] = "Seite zurückgezogen",
        ["page.deleted"] = "Seite gelöscht",
        ["export.people"] = "Personenliste exportiert",
        ["export.memberships"] = "Liste der Mitgliedskommunen exportiert",
    };

    /// <summary>The German label, or the key itself for an action this page does not know yet.</summary>
    public static string For(string action) => Labels.GetValueOrDefault(action, action);

    public static IEnumerable<KeyValuePair<string, string>> Known => Labels;

    /// <summary>
    /// Exports change nothing: their entries name the list, filter, format and row count, shown as details rather
    /// than as before/after.
    /// </summary>
    public static bool IsExport(string action) => action.StartsWith("export.", StringComparison.Ordinal);
}
