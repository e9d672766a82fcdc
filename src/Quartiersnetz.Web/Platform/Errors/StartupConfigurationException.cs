namespace Quartiersnetz.Platform.Errors;

/// <summary>
/// A known misconfiguration found while starting (missing setting, unreachable database, unwritable
/// folder). Program.cs logs its message as one line and exits, without a stack trace.
/// </summary>
internal sealed class StartupConfigurationException(string message, Exception? inner = null)
    : Exception(message, inner);
