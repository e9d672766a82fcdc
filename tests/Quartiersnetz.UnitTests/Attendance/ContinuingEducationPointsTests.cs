using Quartiersnetz.Features.Attendance;

namespace Quartiersnetz.UnitTests.Attendance;

/// <summary>Points: 45 net minutes make one, cut to quarters; only a recognition granted in time (or an override with reason) counts.</summary>
public sealed class ContinuingEducationPointsTests
{
    private static readonly DateOnly EventDay = new(2027, 3, 10);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(44, 0.75)]
    [InlineData(45, 1)]
    [InlineData(56, 1.0)]
    [InlineData(57, 1.25)]
    [InlineData(360, 8)]
    [InlineData(-5, 0)]
    public void Minutes_become_points_cut_down_to_quarters(int minutes, double points) =>
        Assert.Equal((decimal)points, ContinuingEducationPoints.FromMinutes(minutes));

    [Fact]
    public void Only_a_recognition_granted_before_or_on_the_first_day_gives_points()
    {
        Assert.Equal(8m, ContinuingEducationPoints.ForCertificate(RecognitionStatus.Anerkannt, EventDay.AddDays(-20), EventDay, 360, null, null).Points);
        Assert.Equal(8m, ContinuingEducationPoints.ForCertificate(RecognitionStatus.Anerkannt, EventDay, EventDay, 360, null, null).Points);
        Assert.Equal(0m, ContinuingEducationPoints.ForCertificate(RecognitionStatus.Anerkannt, EventDay.AddDays(1), EventDay, 360, null, null).Points);
        Assert.Equal(0m, ContinuingEducationPoints.ForCertificate(RecognitionStatus.Beantragt, null, EventDay, 360, null, null).Points);
        Assert.Equal(0m, ContinuingEducationPoints.ForCertificate(RecognitionStatus.Abgelehnt, EventDay.AddDays(-3), EventDay, 360, null, null).Points);
    }

    [Fact]
    public void An_override_wins_and_needs_a_reason()
    {
        var overridden = ContinuingEducationPoints.ForCertificate(RecognitionStatus.NichtBeantragt, null, EventDay, 100, 4m, "  Nachträglich anerkannt, Schreiben vom 2.4.  ");
        Assert.Equal(new CertificatePoints(4m, true, "Nachträglich anerkannt, Schreiben vom 2.4."), overridden);
        Assert.Throws<ArgumentException>(() => ContinuingEducationPoints.ForCertificate(RecognitionStatus.Anerkannt, EventDay, EventDay, 100, 4m, " "));
    }
}
