using Chitin.Core.Safety;
using Chitin.Hosting.Configuration;

namespace Chitin.Hosting.Tests;

/// <summary>A host built the way every front end builds one: layered config, safety, then <see cref="ChitinHost"/>.</summary>
public sealed class StartedHost : IAsyncDisposable
{
    private StartedHost(ChitinConfig config, AgentSafety safety, ChitinHost host, List<string> notices, List<string> warnings)
    {
        Config = config;
        Safety = safety;
        Host = host;
        Notices = notices;
        Warnings = warnings;
    }

    public ChitinConfig Config { get; }

    public AgentSafety Safety { get; }

    public ChitinHost Host { get; }

    /// <summary>What the host told the person at the front end (a drafted skill).</summary>
    public List<string> Notices { get; }

    public List<string> Warnings { get; }

    public static async Task<StartedHost> StartAsync(IHostContext context)
    {
        var config = ConfigLoader.Load(context);
        var warnings = new List<string>();
        var notices = new List<string>();
        var safety = AgentSafety.Create(context, config, new PermissionFlags { Yes = true }, NoRedaction.Instance, warnings.Add);
        var options = HostOptions.From(context, safety, config.RequireModel(), warn: warnings.Add, inform: notices.Add);
        var host = await ChitinHost.StartAsync(config, options, CancellationToken.None);
        return new StartedHost(config, safety, host, notices, warnings);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Safety.Dispose();
    }
}
