namespace Chitin.Cli;

/// <summary>The version <c>chitin --version</c> prints: the CLI assembly's informational version, as System.CommandLine prints it.</summary>
public static class CliVersion
{
    public static string Text { get; } =
        typeof(CliVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
