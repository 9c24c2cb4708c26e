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
}
