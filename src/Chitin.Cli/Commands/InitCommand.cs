namespace Chitin.Cli.Commands;

/// <summary><c>chitin init</c>: writes a commented config file to start from.</summary>
public static class InitCommand
{
    private const string Description =
        """
        Write a commented config.json to $CHITIN_HOME (default ~/.chitin), or with --project to ./.chitin/config.json.
        An existing file is kept unless --force is given. Check the result with 'chitin doctor'.

        Examples:
          chitin init
          chitin init --project
          chitin init --force
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var project = new Option<bool>("--project") { Description = "Write ./.chitin/config.json (shared with the repository; never put API keys in it)." };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing config file." };
        var json = CommonOptions.Json("the path written");
        var command = new Command("init", Description) { project, force, json };
        command.SetAction((parse, ct) => ExecuteAsync(runtime, parse.GetValue(project), parse.GetValue(force), parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandRuntime runtime, bool project, bool force, bool json, CancellationToken cancellationToken)
    {
        var paths = runtime.Paths;
        var scope = project ? ConfigScope.Project : ConfigScope.User;
        var path = project ? paths.ProjectConfigFile : paths.UserConfigFile;
        if (File.Exists(path) && !force)
        {
            return Report(runtime, json, ExitCodes.UsageError, new CommandResultOutput("exists", Path: path, Error: $"{path} already exists; pass --force to overwrite it"));
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, ConfigTemplate.For(scope), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Report(runtime, json, ExitCodes.TaskFailed, new CommandResultOutput("failed", Path: path, Error: $"cannot write {path}: {ex.Message}"));
        }

        if (json)
        {
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(new CommandResultOutput("written", Path: path), CliJsonContext.Default.CommandResultOutput));
        }
        else
        {
            runtime.Output.Line($"wrote {Markup.Escape(path)}");
            runtime.Error.Line("[grey]edit it, then run 'chitin doctor' to check settings and reach the provider[/]");
        }

        return ExitCodes.Ok;
    }

    private static int Report(CommandRuntime runtime, bool json, int exitCode, CommandResultOutput result)
    {
        if (json)
        {
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.CommandResultOutput));
        }

        return runtime.Fail(exitCode, result.Error ?? result.Status);
    }
}
