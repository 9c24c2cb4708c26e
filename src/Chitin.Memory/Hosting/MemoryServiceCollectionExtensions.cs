namespace Chitin.Memory.Hosting;

/// <summary>Registers the "memory" section; the store itself is opened by the host when a run first needs it.</summary>
public static class MemoryServiceCollectionExtensions
{
    public static IServiceCollection AddChitinMemory(this IServiceCollection services, MemorySettings settings) =>
        services.AddFeatureOptions(settings);
}
