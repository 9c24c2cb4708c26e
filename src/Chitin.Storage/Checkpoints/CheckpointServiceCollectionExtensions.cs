namespace Chitin.Storage.Checkpoints;

public static class CheckpointServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WorkspaceCheckpoints"/> (and as <see cref="ITurnCheckpoints"/>, or <see cref="NoCheckpoints"/>
    /// when switched off). Needs an <see cref="ISessionStore"/> registration.
    /// </summary>
    public static IServiceCollection AddChitinCheckpoints(this IServiceCollection services, CheckpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new WorkspaceCheckpoints(
            options, sp.GetRequiredService<ISessionStore>(), logger: sp.GetService<ILoggerFactory>()?.CreateLogger<WorkspaceCheckpoints>()));
        services.AddSingleton<ITurnCheckpoints>(sp => options.Enabled ? sp.GetRequiredService<WorkspaceCheckpoints>() : NoCheckpoints.Instance);
        return services;
    }
}
