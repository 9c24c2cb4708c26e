namespace Chitin.Cli.Trust;

/// <summary>
/// What a command that runs the agent does about an untrusted workspace whose project config was cut down: ask the
/// person at the terminal whether to trust it (never under --yes, never without a terminal on stdin), else warn
/// naming what was ignored and how to trust.
/// </summary>
internal static class TrustPrompt
{
    /// <summary>Loads the config for a command that never asks for trust: an untrusted folder's project settings are left out, with the warning.</summary>
    public static ChitinConfig LoadWithoutAsking(CommandRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return Settle(runtime, runtime.LoadConfig(), mayAsk: false, () => runtime.LoadConfig());
    }

    /// <param name="mayAsk">False under --yes (which never grants trust) and for servers.</param>
    /// <param name="yes">The command runs under --yes: the warning says that this does not grant trust.</param>
    /// <param name="reload">Loads the config again once the folder is trusted.</param>
    /// <returns>The config to use: reloaded when the user trusted the folder, else the restricted one.</returns>
    public static ChitinConfig Settle(CommandRuntime runtime, ChitinConfig config, bool mayAsk, Func<ChitinConfig> reload, bool yes = false)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(reload);
        if (config.Trust is not { } trust || trust.Warning() is not { } warning)
        {
            return config;
        }

        if (mayAsk && trust.CanBeTrusted && runtime.Context.IsInputTerminal && Ask(runtime, trust))
        {
            try
            {
                new TrustStore(config.Paths.Home).Trust(trust.Folder, trust.ConfigSha256, runtime.Context.Time.GetUtcNow());
            }
            catch (TrustStoreException ex)
            {
                runtime.Warn(ex.Message);
                runtime.Warn(warning);
                return config;
            }

            runtime.Error.Line(Markup.Escape($"trusted {trust.Folder}; its project config applies (revoke with 'chitin trust --revoke')"));
            return reload();
        }

        runtime.Warn(yes && trust.CanBeTrusted ? warning + " (--yes never grants trust.)" : warning);
        return config;
    }

    private static bool Ask(CommandRuntime runtime, WorkspaceTrust trust)
    {
        var why = trust.Status == TrustStatus.Changed ? "Its .chitin/config.json changed since you trusted it." : "This folder is not trusted yet.";
        runtime.Error.Line(Markup.Escape($"{why} {trust.Folder}/.chitin/config.json asks for: {string.Join("; ", trust.Ignored)}."));
        runtime.Error.Line(Markup.Escape("Hooks and MCP servers run commands as you; allow rules and mode changes let the agent act without asking."));
        runtime.Error.Text(Markup.Escape("Trust this folder and apply them? [y/N] "));
        var answer = runtime.Context.In.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}
