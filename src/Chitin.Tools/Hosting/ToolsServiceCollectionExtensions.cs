namespace Chitin.Tools.Hosting;

/// <summary>Registers the "web" section and the run's tool registry (built-in tools first, then what other features add).</summary>
public static class ToolsServiceCollectionExtensions
{
    public static IServiceCollection AddChitinTools(this IServiceCollection services, WebSettings web, ToolRegistry tools)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(web ?? throw new ArgumentNullException(nameof(web)));
        return services.AddSingleton(tools ?? throw new ArgumentNullException(nameof(tools)));
    }
}
