using Quartiersnetz.Platform.Events;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Attendance;

/// <summary>Check-in and attendance of events: passes with QR codes, per-day check-in and check-out, walk-ins, the signature list.</summary>
internal static class AttendanceModule
{
    public static IServiceCollection AddAttendance(this IServiceCollection services) =>
        services.AddScoped<IPersonalDataContributor, AttendancePersonalData>()
            .AddSingleton<IRegistrationMailPart, PassMailPart>()
            .AddSingleton<IRegistrationDataPurge, AttendanceDataPurge>();

    public static void MapAttendance(this RouteGroupBuilder api) => api.MapAttendanceApi();
}
