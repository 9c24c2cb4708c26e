namespace Chitin.Hosting.Configuration;

/// <summary>Where Chitin keeps its state (CHITIN_HOME, default ~/.chitin) and where project config lives.</summary>
public sealed record ChitinPaths(string Home, string WorkingDirectory)
{
    public const string HomeVariable = "CHITIN_HOME";

    public string UserConfigFile => Path.Combine(Home, "config.json");

    public string ProjectConfigFile => Path.Combine(WorkingDirectory, ".chitin", "config.json");

    public string DatabaseFile => Path.Combine(Home, "chitin.db");

    public string ArtifactsDirectory => Path.Combine(Home, "artifacts");

    public string DemoDirectory => Path.Combine(Home, "demo");

    public static ChitinPaths Resolve(IHostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var home = context.GetEnvironment(HomeVariable);
        if (home is null)
        {
            var profile = context.GetEnvironment("HOME")
                ?? context.GetEnvironment("USERPROFILE")
                ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            home = Path.Combine(profile, ".chitin");
        }

        return new ChitinPaths(Path.GetFullPath(home, context.WorkingDirectory), context.WorkingDirectory);
    }
}
