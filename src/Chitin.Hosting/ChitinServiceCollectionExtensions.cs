namespace Chitin.Hosting;

/// <summary>
/// Composes every feature's registration into one container: what the CLI, a gateway and the tests build their
/// agent runners from. Registration is explicit (no scanning) and everything expensive is already opened or lazy.
/// </summary>
public static class ChitinServiceCollectionExtensions
{
    /// <param name="opened">The stores, tools and clients the host opened for this configuration.</param>
    public static IServiceCollection AddChitin(this IServiceCollection services, ChitinConfig config, HostOptions options, OpenedServices opened)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(opened);
        var approver = opened.Skills is { } skills ? skills.WrapApprover(options.Approver) : options.Approver;
        services.AddSingleton(config);
        services.AddSingleton(options.Context);
        services.AddChitinCore(options.Context.Time);
        services.AddChitinSecurity(approver, options.Hooks, options.Redactor, config.Sandbox);
        services.AddChitinTools(config.Web, opened.Tools);
        services.AddChitinMemory(config.Memory);
        services.AddChitinSkills(config.Skills);
        services.AddSingleton(opened.Clients);
        services.AddSingleton<ISessionStore>(opened.Store);
        services.AddSingleton<IUsageStore>(opened.Store);
        services.AddChitinCheckpoints(config.Checkpoints.ToOptions(config.Paths.Home, config.Paths.DatabaseFile) with
        {
            GlobalExcludesFile = CheckpointOptions.DefaultGlobalExcludesFile(name => options.Context.GetEnvironment(name)),
        });
        services.AddSingleton(sp => new AgentRunnerFactory(
            config,
            sp.GetRequiredService<ChatClientCache>(),
            sp.GetRequiredService<ToolRegistry>(),
            sp.GetRequiredService<ISessionStore>(),
            sp.GetRequiredService<IUsageStore>(),
            sp.GetRequiredService<IToolApprover>(),
            sp.GetRequiredService<IAgentHooks>(),
            sp.GetRequiredService<ISecretRedactor>(),
            new RunnerExtensions(opened.Memory, opened.Skills, options.Warn, sp.GetRequiredService<ITurnCheckpoints>()) { Inform = options.Inform }));
        return services;
    }
}
