namespace Quartiersnetz.Features.Attendance;

/// <summary>Where an event stands with the chamber's (AKNW) recognition as continuing education.</summary>
internal enum RecognitionStatus
{
    NichtBeantragt,
    Beantragt,
    Anerkannt,
    Abgelehnt,
}

/// <summary>The format the chamber asks for.</summary>
internal enum CourseFormat
{
    Praesenz,
    Online,
    Hybrid,
    Exkursion,
}

/// <summary>What a certificate may say about points, and why.</summary>
internal sealed record CertificatePoints(decimal Points, bool Overridden, string? Reason);

/// <summary>
/// The rule for continuing-education points (issue 6, part 4), without storage yet: 1 point per 45 attended net
/// minutes, cut down to quarter points (the chamber's forms take two decimals; a started quarter does not count).
/// Points go on a certificate only when the recognition was granted on or before the event's first day; otherwise
/// only an override by the office, which needs a reason, gives points.
/// </summary>
internal static class ContinuingEducationPoints
{
    public const int MinutesPerPoint = 45;

    public static string Label(RecognitionStatus status) => status switch
    {
        RecognitionStatus.NichtBeantragt => "nicht beantragt",
        RecognitionStatus.Beantragt => "beantragt",
        RecognitionStatus.Anerkannt => "anerkannt",
        _ => "abgelehnt",
    };

    public static string Label(CourseFormat format) => format switch
    {
        CourseFormat.Praesenz => "Präsenz",
        CourseFormat.Online => "Online",
        CourseFormat.Hybrid => "Hybrid",
        _ => "Exkursion",
    };

    /// <summary>Net minutes ÷ 45, cut down to quarter points.</summary>
    public static decimal FromMinutes(int netMinutes) =>
        netMinutes <= 0 ? 0m : Math.Floor(netMinutes * 4m / MinutesPerPoint) / 4m;

    /// <summary>
    /// The points a certificate carries: the override when the office set one (with its reason), else the computed
    /// points if the recognition was granted in time, else none.
    /// </summary>
    public static CertificatePoints ForCertificate(
        RecognitionStatus status, DateOnly? recognisedOn, DateOnly firstEventDay, int netMinutes, decimal? overridePoints, string? overrideReason)
    {
        if (overridePoints is { } points)
        {
            if (string.IsNullOrWhiteSpace(overrideReason))
            {
                throw new ArgumentException("An override needs a reason; the caller validates it first.", nameof(overrideReason));
            }

            return new CertificatePoints(points, true, overrideReason.Trim());
        }

        var inTime = status == RecognitionStatus.Anerkannt && recognisedOn is { } granted && granted <= firstEventDay;
        return new CertificatePoints(inTime ? FromMinutes(netMinutes) : 0m, false, null);
    }
}
