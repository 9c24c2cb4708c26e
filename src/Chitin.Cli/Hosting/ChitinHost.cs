using Chitin.Cli.Configuration;
using Chitin.Core.Metering;
using Chitin.Core.Permissions;
using Chitin.Core.Sessions;
using Chitin.Core.Tools;
using Chitin.Storage.Sqlite;
using Chitin.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace Chitin.Cli.Hosting;

/// <summary>
/// The composition root of commands that run the agent: database, tools, provider clients, approver and the
/// runner factory, registered explicitly (no assembly scanning) so start-up stays fast.
/// </summary>
public sealed class ChitinHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private readonly ChatClientCache _clients;

    private ChitinHost(ServiceProvider services, SqliteChitinStore store, ToolRegistry tools, ChatClientCache clients)
    {
        _services = services;
        _clients = clients;
        Store = store;
        Tools = tools;
    }

    public SqliteChitinStore Store { get; }

    public ToolRegistry Tools { get; }

    public ChitinConfig Config => _services.GetRequiredService<ChitinConfig>();

    public AgentRunnerFactory Runners => _services.GetRequiredService<AgentRunnerFactory>();

    /// <summary>
    /// Opens the database and wires the services. With <paramref name="model"/>, the provider client for it is built
    /// while the database opens (start-up time is what one-shot runs pay); an unusable provider
    /// setting then throws <see cref="ConfigException"/> here.
    /// </summary>
    public static async Task<ChitinHost> StartAsync(
        ChitinConfig config,
        IToolApprover approver,
        CancellationToken cancellationToken,
        string? model = null,
        BuiltInToolOptions? toolOptions = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(approver);
        var opening = StoreOpener.OpenAsync(config.Paths, cancellationToken);
        var clients = new ChatClientCache(config);
        var tools = ToolRegistry.Empty;
        SqliteChitinStore store;
        try
        {
            tools = new ToolRegistry(BuiltInTools.CreateDefault(toolOptions));
            if (model is not null)
            {
                clients.Get(model);
            }

            store = await opening;
        }
        catch
        {
            clients.Dispose();
            await DisposeToolsAsync(tools);
            await DisposeWhenOpenedAsync(opening);
            throw;
        }

        var services = new ServiceCollection();
        services.AddSingleton(config);
        services.AddSingleton(approver);
        services.AddSingleton(tools);
        services.AddSingleton(clients);
        services.AddSingleton<ISessionStore>(store);
        services.AddSingleton<IUsageStore>(store);
        services.AddSingleton(sp => new AgentRunnerFactory(
            config,
            sp.GetRequiredService<ChatClientCache>(),
            sp.GetRequiredService<ToolRegistry>(),
            sp.GetRequiredService<ISessionStore>(),
            sp.GetRequiredService<IUsageStore>(),
            sp.GetRequiredService<IToolApprover>()));
        return new ChitinHost(services.BuildServiceProvider(), store, tools, clients);
    }

    public async ValueTask DisposeAsync()
    {
        // Instances registered from outside the container are not disposed by it.
        await _services.DisposeAsync();
        _clients.Dispose();
        await DisposeToolsAsync(Tools);
        await Store.DisposeAsync();
    }

    /// <summary>Some tools own resources: run_shell kills its background jobs, web_fetch closes connections.</summary>
    private static async Task DisposeToolsAsync(ToolRegistry tools)
    {
        foreach (var tool in tools.Tools)
        {
            switch (tool)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static async Task DisposeWhenOpenedAsync(Task<SqliteChitinStore> opening)
    {
        try
        {
            await (await opening).DisposeAsync();
        }
        catch (StoreUnavailableException)
        {
            // Nothing was opened; the caller reports the first error.
        }
        catch (OperationCanceledException)
        {
        }
    }
}
