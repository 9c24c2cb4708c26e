namespace Chitin.Cli.Commands;

/// <summary>Options several commands share, described once.</summary>
public static class CommonOptions
{
    public static Option<bool> Json(string what) => new("--json") { Description = $"Print {what} as JSON on stdout (snake_case fields) instead of a table." };

    public static Option<string?> Model() => new("--model", "-m")
    {
        Description = "Model id to use (e.g. gpt-5-mini, claude-sonnet-4-5). Overrides CHITIN_MODEL and \"model\" in config.",
        HelpName = "id",
    };
}
