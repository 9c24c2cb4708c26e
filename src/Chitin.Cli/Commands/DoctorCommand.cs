using System.CommandLine;
using System.Text.Json;
using Chitin.Cli.Configuration;
using Chitin.Cli.Hosting;
using Chitin.Cli.Rendering;
using Chitin.Providers.Diagnostics;
using Spectre.Console;

namespace Chitin.Cli.Commands;

/// <summary><c>chitin doctor</c>: checks config files, provider, database and sandbox, and says what to fix.</summary>
public static class DoctorCommand
{
    private const string Description =
        """
        Check the setup and say what to fix: config files (syntax, types, unknown keys), model and provider
        settings (API keys are shown as set or not, never printed), whether the provider answers, the database
        under CHITIN_HOME, and whether the bwrap sandbox is on PATH. Exits 1 when any check fails.

        Examples:
          chitin doctor
          chitin doctor --json
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var json = CommonOptions.Json("the checks");
        var offline = new Option<bool>("--offline") { Description = "Skip the call to the provider (no network)." };
        var command = new Command("doctor", Description) { json, offline };
        command.SetAction((parse, ct) => ExecuteAsync(runtime, parse.GetValue(json), parse.GetValue(offline), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandRuntime runtime, bool json, bool offline, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var paths = runtime.Paths;
        checks.Add(CheckFile("user config", ConfigFile.Read(paths.UserConfigFile, ConfigScope.User)));
        if (!string.Equals(paths.UserConfigFile, paths.ProjectConfigFile, StringComparison.Ordinal))
        {
            checks.Add(CheckFile("project config", ConfigFile.Read(paths.ProjectConfigFile, ConfigScope.Project)));
        }

        ChitinConfig? config = null;
        try
        {
            config = ConfigLoader.Load(runtime.Context);
        }
        catch (ConfigException ex)
        {
            checks.Add(new DoctorCheck("settings", DoctorCheck.Fail, ex.Issues.Count > 0 ? ex.Issues[0].Format("error") : ex.Message));
        }

        if (config is not null)
        {
            checks.AddRange(CheckSettings(config));
            if (!offline)
            {
                checks.Add(await CheckReachabilityAsync(config, cancellationToken));
            }
        }

        checks.Add(await CheckDatabaseAsync(paths, cancellationToken));
        checks.Add(CheckSandbox(runtime.Context));

        var ok = checks.All(c => c.Status != DoctorCheck.Fail);
        if (json)
        {
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(new DoctorReport(ok, checks), CliJsonContext.Default.DoctorReport));
        }
        else
        {
            runtime.Output.Table(["check", "status", "detail"], checks.Select(c => (IReadOnlyList<string>)[c.Name, c.Status, c.Detail]));
            runtime.Error.Line(ok ? "[green]all checks passed[/]" : "[red]some checks failed; see the detail column[/]");
        }

        return ok ? ExitCodes.Ok : ExitCodes.TaskFailed;
    }

    private static DoctorCheck CheckFile(string name, ConfigFile file)
    {
        if (!file.Exists)
        {
            return new DoctorCheck(name, DoctorCheck.Ok, $"{file.Path} not present (optional; 'chitin init' writes one)");
        }

        if (file.Errors.Count > 0)
        {
            return new DoctorCheck(name, DoctorCheck.Fail, string.Join("; ", file.Errors.Select(e => e.Format("error"))));
        }

        return file.Warnings.Count > 0
            ? new DoctorCheck(name, DoctorCheck.Warn, string.Join("; ", file.Warnings.Select(w => w.Format("warning"))))
            : new DoctorCheck(name, DoctorCheck.Ok, $"{file.Path} is valid");
    }

    private static IEnumerable<DoctorCheck> CheckSettings(ChitinConfig config)
    {
        yield return config.Model is null
            ? new DoctorCheck("model", DoctorCheck.Fail, "not set: pass --model, set CHITIN_MODEL, or set \"model\" in config")
            : new DoctorCheck("model", DoctorCheck.Ok, $"{config.Model} (from {config.ModelSource})"
                + (config.FallbackModels.Count > 0 ? $"; fallbacks: {string.Join(", ", config.FallbackModels)}" : ""));

        var provider = config.Provider;
        yield return new DoctorCheck("provider", DoctorCheck.Ok, $"{provider.Kind} (from {provider.KindSource}) at {provider.BaseUrl} (from {provider.BaseUrlSource})");

        var keyStatus = provider.ApiKey is not null ? DoctorCheck.Ok : provider.UsesDefaultEndpoint ? DoctorCheck.Fail : DoctorCheck.Warn;
        var keyHint = provider.ApiKey is null && !provider.UsesDefaultEndpoint ? "; fine for local servers that need none" : "";
        yield return new DoctorCheck("api key", keyStatus, provider.DescribeApiKey() + keyHint);
    }

    private static async Task<DoctorCheck> CheckReachabilityAsync(ChitinConfig config, CancellationToken cancellationToken)
    {
        var settings = config.ToProviderSettings(config.Model ?? "(no model set)");
        var result = await ProviderProbe.CheckAsync(settings, cancellationToken);
        var status = !result.Succeeded ? DoctorCheck.Fail : result.ModelListed == false ? DoctorCheck.Warn : DoctorCheck.Ok;
        return new DoctorCheck("provider reachable", status, result.Message);
    }

    private static async Task<DoctorCheck> CheckDatabaseAsync(ChitinPaths paths, CancellationToken cancellationToken)
    {
        try
        {
            await using var store = await StoreOpener.OpenAsync(paths, cancellationToken);
            var sessions = await store.ListSessionsAsync(1, cancellationToken);
            return new DoctorCheck("database", DoctorCheck.Ok, $"{paths.DatabaseFile} opens" + (sessions.Count == 0 ? " (no sessions yet)" : ""));
        }
        catch (StoreUnavailableException ex)
        {
            return new DoctorCheck("database", DoctorCheck.Fail, ex.Message);
        }
    }

    private static DoctorCheck CheckSandbox(CliContext context)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new DoctorCheck("sandbox", DoctorCheck.Warn, "the bwrap sandbox is Linux-only; shell commands run unsandboxed here");
        }

        return ExecutableFinder.Find("bwrap", context.Environment) is { } bwrap
            ? new DoctorCheck("sandbox", DoctorCheck.Ok, $"bwrap found at {bwrap}")
            : new DoctorCheck("sandbox", DoctorCheck.Warn, "bwrap not on PATH: shell commands run without an OS sandbox (install bubblewrap)");
    }
}
