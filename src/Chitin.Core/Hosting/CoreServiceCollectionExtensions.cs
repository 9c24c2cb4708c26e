namespace Chitin.Core.Hosting;

/// <summary>Registers what every agent run needs from Core; other features replace the defaults (hooks, redaction).</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddChitinCore(this IServiceCollection services, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(time ?? TimeProvider.System);
        services.TryAddSingleton<ITokenCounter>(TiktokenCounter.Instance);
        services.TryAddSingleton<IAgentHooks>(NoHooks.Instance);
        services.TryAddSingleton<ISecretRedactor>(NoRedaction.Instance);
        return services;
    }

    /// <summary>Registers a feature's bound config section, for the feature's own registration.</summary>
    public static IServiceCollection AddFeatureOptions<TOptions>(this IServiceCollection services, TOptions options)
        where TOptions : class, IFeatureOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        return services.AddSingleton(options);
    }
}
