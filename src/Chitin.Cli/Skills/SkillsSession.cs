namespace Chitin.Cli.Skills;

/// <summary>One skills command's configuration, vetter and library; turns library errors into readable failures.</summary>
internal sealed class SkillsSession
{
    private SkillsSession(CommandRuntime runtime, ChitinConfig config)
    {
        Runtime = runtime;
        Config = config;
        Vetter = SkillServices.CreateVetter(config.Paths);
        Library = new SkillLibrary(Vetter, SkillLibraryOptions.ForHome(config.Paths.Home));
    }

    public CommandRuntime Runtime { get; }

    public ChitinConfig Config { get; }

    public ISkillVetter Vetter { get; }

    public SkillLibrary Library { get; }

    public SkillCatalog Discover() => SkillServices.Discover(Config, Library, Vetter, Runtime.Context.WorkingDirectory);

    public static async Task<int> RunAsync(CommandRuntime runtime, CancellationToken cancellationToken, Func<SkillsSession, CancellationToken, Task<int>> action)
    {
        if (!runtime.TryLoadConfig(out var config, out var failed))
        {
            return failed;
        }

        try
        {
            return await action(new SkillsSession(runtime, config), cancellationToken);
        }
        catch (SkillLibraryException ex)
        {
            return runtime.Fail(ExitCodes.TaskFailed, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, ex.Message);
        }
    }
}
