using Chitin.Channels.Approvals;
using Chitin.Channels.Pairing;
using Chitin.Channels.Storage;
using Chitin.Channels.Telegram;
using Chitin.Core.Permissions;
using Chitin.Core.Safety;
using Chitin.Hosting;
using Chitin.Hosting.Gateway;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Telegram;

namespace Chitin.Channels.Tests.Support;

/// <summary>Everything a Telegram test needs: the fake Bot API, the scripted model, a host, the channel database and a started channel.</summary>
public sealed class TelegramRig : IAsyncDisposable
{
    private readonly List<TelegramChannel> _channels = [];
    private readonly List<ChannelDatabase> _databases = [];
    private ChitinHost? _host;
    private AgentSafety? _safety;

    private TelegramRig(ChannelFolder folder, FakeTelegramServer telegram, ScriptedModelServer model)
    {
        Folder = folder;
        Telegram = telegram;
        Model = model;
    }

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public ChannelFolder Folder { get; }

    public FakeTelegramServer Telegram { get; }

    public ScriptedModelServer Model { get; }

    public ChannelApprovals Approvals { get; } = new();

    public RunnerDispatcher? Dispatcher { get; private set; }

    public static async Task<TelegramRig> StartAsync(ModelScript script)
    {
        var folder = new ChannelFolder();
        var telegram = await FakeTelegramServer.StartAsync();
        var model = await ScriptedModelServer.StartAsync(script);
        return new TelegramRig(folder, telegram, model);
    }

    /// <summary>Starts the agent host (once) with the approver the gateway would give it.</summary>
    public async Task<RunnerDispatcher> HostAsync(IToolApprover? approver = null)
    {
        if (Dispatcher is null)
        {
            (_host, Dispatcher, _safety) = await Folder.StartHostAsync(Model, approver);
        }

        return Dispatcher;
    }

    public TelegramSettings Settings(AccessPolicy dmPolicy = AccessPolicy.Pairing, params string[] allowFrom) =>
        new() { ApiBaseUrl = Telegram.BaseUrl, DmPolicy = dmPolicy, AllowFrom = allowFrom };

    /// <summary>A channel on its own connection to the test's chitin.db, as a separate gateway process would have.</summary>
    public TelegramChannel Channel(TelegramSettings settings, IConversationDispatcher dispatcher, string holder = "gateway-a", string? webhookSecret = null)
    {
        var database = ChannelDatabase.Open(Folder.Database);
        _databases.Add(database);
        var channel = new TelegramChannel(settings, Telegram.Token, database, dispatcher, Approvals, new TelegramChannelOptions
        {
            PollTimeoutSeconds = 5,
            LeaseHolder = holder,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        }, webhookSecret);
        _channels.Add(channel);
        return channel;
    }

    public PairingStore Pairing()
    {
        var database = ChannelDatabase.Open(Folder.Database);
        _databases.Add(database);
        return new PairingStore(database, TimeProvider.System);
    }

    public static CancellationToken Timeout() => new CancellationTokenSource(Patience).Token;

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            await channel.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            database.Dispose();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _safety?.Dispose();
        await Telegram.DisposeAsync();
        await Model.DisposeAsync();
        Folder.Dispose();
    }
}
