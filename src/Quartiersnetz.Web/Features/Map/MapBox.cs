using System.Globalization;

namespace Quartiersnetz.Features.Map;

/// <summary>
/// The part of the map in view, as the <c>bbox</c> parameter gives it (west,south,east,north in WGS84 degrees, the
/// order of RFC 7946 and OGC API Features), for loading the full boundaries of the areas in it.
/// </summary>
internal readonly record struct MapBox(double West, double South, double East, double North)
{
    public const string Parameter = "bbox";

    /// <summary>About 3–5 km: further than any quarter reaches from its point.</summary>
    public const double Reach = 0.05;

    /// <summary>
    /// At most a degree each way: a map zoomed in as far as the browser asks for detail (level 12) shows less, even on
    /// a large screen; a larger box would send the full boundaries of a whole region.
    /// </summary>
    public const double MaxSpan = 1.0;

    /// <summary>The box, or a German reason why the text is not one.</summary>
    public static (MapBox? Box, string? Error) Parse(string text)
    {
        var parts = text.Split(',');
        var values = new double[4];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok)
            || values.Any(v => !double.IsFinite(v)))
        {
            return (null, "Der Ausschnitt muss aus vier Zahlen bestehen: West, Süd, Ost, Nord (Grad, mit Punkt als Dezimaltrennzeichen).");
        }

        var box = new MapBox(values[0], values[1], values[2], values[3]);
        if (box.West < -180 || box.East > 180 || box.South < -90 || box.North > 90 || box.West >= box.East || box.South >= box.North)
        {
            return (null, "Der Ausschnitt ist kein gültiges Rechteck: West muss kleiner als Ost und Süd kleiner als Nord sein.");
        }

        return box.East - box.West > MaxSpan || box.North - box.South > MaxSpan
            ? (null, "Der Ausschnitt ist zu groß: höchstens ein Grad in jeder Richtung. Für die ganze Karte den Parameter weglassen.")
            : (box, null);
    }
}
