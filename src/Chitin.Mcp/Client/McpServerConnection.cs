namespace Chitin.Mcp.Client;

/// <summary>One connected MCP server: its client session, its tools and what it last wrote to stderr.</summary>
internal sealed class McpServerConnection : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopNoticeDelay = TimeSpan.FromSeconds(1);

    private readonly McpClient _client;
    private readonly StderrTail _stderr;

    private McpServerConnection(McpServerConfig config, McpClient client, StderrTail stderr, IReadOnlyList<Tool> tools)
    {
        ServerInfo = client.ServerInfo ?? new Implementation { Name = "(unnamed)", Version = "" };
        ProtocolVersion = client.NegotiatedProtocolVersion;
        Config = config;
        _client = client;
        _stderr = stderr;
        Tools = tools;
    }

    public McpServerConfig Config { get; }

    public IReadOnlyList<Tool> Tools { get; }

    public Implementation ServerInfo { get; }

    public string? ProtocolVersion { get; }

    private string Name => Config.Name;

    /// <summary>Starts the server and lists its tools within <see cref="McpServerConfig.StartupTimeout"/>.</summary>
    /// <exception cref="McpStartException">It could not be started; the message says why.</exception>
    public static async Task<McpServerConnection> StartAsync(McpServerConfig config, McpClientSettings? settings, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(config.StartupTimeout);
        try
        {
            return await StartOnceAsync(config, settings, protocolVersion: null, loggerFactory, startup.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (McpStartException ex) when (!startup.IsCancellationRequested && HandshakeNotUnderstood(ex.InnerException))
        {
            // The SDK opens with the 2026-07-28 "server/discover" probe; a server that answers it with something else
            // (seen in the wild and in the conformance suite) gets the initialize handshake of 2025-11-25 instead.
            try
            {
                return await StartOnceAsync(config, settings, InitializeHandshakeVersion, loggerFactory, startup.Token, cancellationToken).ConfigureAwait(false);
            }
            catch (McpStartException retry) when (!startup.IsCancellationRequested && OfferedVersion(retry.InnerException) is { } offered)
            {
                // With a pinned version the SDK refuses a server that answers initialize with an older revision it
                // supports; the spec lets the client accept it, so connect once more at that revision.
                return await StartOnceAsync(config, settings, offered, loggerFactory, startup.Token, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static readonly string[] InitializeVersions = ["2024-11-05", "2025-03-26", "2025-06-18"];

    /// <summary>The older revision named by the SDK's "protocol version mismatch. Expected X, got Y" error, when it is one Chitin speaks.</summary>
    private static string? OfferedVersion(Exception? ex)
    {
        if (FindInChain<Exception>(ex, e => e.Message.Contains("protocol version mismatch", StringComparison.OrdinalIgnoreCase)
                && e.Message.Contains("got ", StringComparison.Ordinal)) is not { } mismatch)
        {
            return null;
        }

        var version = mismatch.Message[(mismatch.Message.IndexOf("got ", StringComparison.Ordinal) + 4)..].Trim().TrimEnd('.');
        return InitializeVersions.Contains(version, StringComparer.Ordinal) ? version : null;
    }

    /// <summary>The newest protocol revision that still negotiates with <c>initialize</c>.</summary>
    internal const string InitializeHandshakeVersion = "2025-11-25";

    private static async Task<McpServerConnection> StartOnceAsync(
        McpServerConfig config,
        McpClientSettings? settings,
        string? protocolVersion,
        ILoggerFactory? loggerFactory,
        CancellationToken startupToken,
        CancellationToken cancellationToken)
    {
        var stderr = new StderrTail();
        var transport = CreateTransport(config, settings ?? McpClientSettings.None, stderr, loggerFactory);
        McpClient? client = null;
        try
        {
            var options = new McpClientOptions { ClientInfo = ChitinImplementation.Create(), InitializationTimeout = config.StartupTimeout, ProtocolVersion = protocolVersion };
            client = await McpClient.CreateAsync(transport, options, loggerFactory, startupToken).ConfigureAwait(false);
            var tools = await client.ListToolsAsync(cancellationToken: startupToken).ConfigureAwait(false);
            return new McpServerConnection(config, client, stderr, tools.Select(t => t.ProtocolTool).ToArray());
        }
        catch (Exception ex)
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new McpStartException(ExplainStartFailure(config, ex, stderr, startupToken.IsCancellationRequested), ex);
        }
    }

    private static bool HandshakeNotUnderstood(Exception? ex) =>
        FindInChain<JsonException>(ex) is { } json && json.Message.Contains(nameof(DiscoverResult), StringComparison.Ordinal)
        || FindInChain<McpProtocolException>(ex) is { } protocol && protocol.Message.Contains("server/discover", StringComparison.Ordinal);

    /// <summary>Calls a tool; every failure (timeout, crash, protocol error) comes back as an error result, never a hang.</summary>
    public async ValueTask<ToolResult> CallAsync(string toolName, JsonElement arguments, CancellationToken cancellationToken)
    {
        if (NotRunningReason() is { } notRunning)
        {
            return ToolResult.Error(notRunning);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Config.ToolTimeout);
        var request = new CallToolRequestParams { Name = toolName, Arguments = ToArguments(arguments) };
        var call = _client.CallToolAsync(request, timeout.Token).AsTask();
        try
        {
            // The session may end without failing the pending request promptly; racing it keeps a dead server from hanging the call.
            await Task.WhenAny(call, _client.Completion).ConfigureAwait(false);
            if (!call.IsCompleted)
            {
                await timeout.CancelAsync().ConfigureAwait(false);
                _ = call.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return ToolResult.Error(NotRunningReason() ?? $"mcp server '{Name}' closed the connection during the call to '{toolName}'.");
            }

            return McpResultConverter.ToToolResult(await call.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            return ToolResult.Error(
                $"mcp tool '{toolName}' on server '{Name}' did not finish within {Seconds(Config.ToolTimeout)} s and was cancelled. " +
                "If it legitimately needs longer, raise \"toolTimeoutSeconds\" for this server.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolResult.Error(await NotRunningReasonAfterFailureAsync().ConfigureAwait(false)
                ?? $"mcp server '{Name}' abandoned the call to '{toolName}' (its session is closing).");
        }
        catch (McpProtocolException ex)
        {
            return ToolResult.Error($"mcp server '{Name}' rejected the call to '{toolName}': {ex.Message}");
        }
        catch (HttpRequestException ex) when (Config.Transport is McpHttpTransport http)
        {
            return ToolResult.Error($"mcp server '{Name}' is not reachable at {http.Url}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ToolResult.Error(await NotRunningReasonAfterFailureAsync().ConfigureAwait(false)
                ?? $"mcp server '{Name}' failed to run '{toolName}': {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync() => await _client.DisposeAsync().ConfigureAwait(false);

    /// <summary>
    /// A call to a process that just died usually fails (broken pipe) a moment before the session notices the exit;
    /// waiting briefly lets the message say that the server is gone instead of reporting a bare pipe error.
    /// </summary>
    private async Task<string?> NotRunningReasonAfterFailureAsync()
    {
        try
        {
            await _client.Completion.WaitAsync(StopNoticeDelay).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still running: the failure was about this call, not the server.
        }

        return NotRunningReason();
    }

    /// <summary>Why the server can no longer be used, or null while its session is alive.</summary>
    private string? NotRunningReason()
    {
        if (!_client.Completion.IsCompleted)
        {
            return null;
        }

        var details = _client.Completion.Result;
        var why = details switch
        {
            StdioClientCompletionDetails { ExitCode: { } code } => "its process " + DescribeExit(code),
            StdioClientCompletionDetails => "its process exited",
            { Exception: { } error } => $"the connection closed ({error.Message})",
            _ => "the connection closed",
        };
        return $"mcp server '{Name}' is not running: {why}; its tools are unavailable until Chitin restarts." +
            StderrSuffix(details as StdioClientCompletionDetails, _stderr);
    }

    private static IClientTransport CreateTransport(McpServerConfig config, McpClientSettings settings, StderrTail stderr, ILoggerFactory? loggerFactory)
    {
        switch (config.Transport)
        {
            case McpStdioTransport stdio:
                if (stdio.WorkingDirectory is { } directory && !Directory.Exists(directory))
                {
                    throw new McpStartException($"mcp server '{config.Name}': working directory '{directory}' does not exist (see {config.Origin}).");
                }

                var path = stdio.Env.TryGetValue("PATH", out var configuredPath) ? configuredPath : Environment.GetEnvironmentVariable("PATH");
                var command = CommandLocator.Find(stdio.Command, path) ?? throw new McpStartException(
                    $"mcp server '{config.Name}': command '{stdio.Command}' not found" +
                    (Path.IsPathFullyQualified(stdio.Command) ? " (or not executable)" : " on PATH") +
                    $"; install it or put its full path in \"command\" (see {config.Origin}).");
                return new StdioClientTransport(
                    new StdioClientTransportOptions
                    {
                        Name = config.Name,
                        Command = command,
                        Arguments = stdio.Args.ToList(),
                        WorkingDirectory = stdio.WorkingDirectory,
                        EnvironmentVariables = ServerEnvironment(stdio),
                        StandardErrorLines = stderr.Add,
                        ShutdownTimeout = ShutdownTimeout,
                    },
                    loggerFactory);
            case McpHttpTransport http:
                return HttpTransportFactory.Create(config, http, settings, loggerFactory);
            default:
                throw new McpStartException($"mcp server '{config.Name}': unsupported transport {config.Transport.GetType().Name}.");
        }
    }

    /// <summary>
    /// The SDK starts from this process's environment and applies these entries on top (null removes one): every
    /// inherited variable outside the minimal child environment is removed, then the server's "env" is set.
    /// </summary>
    private static Dictionary<string, string?> ServerEnvironment(McpStdioTransport stdio)
    {
        var inherited = ChildEnvironment.CurrentProcess();
        var wanted = ChildEnvironment.Build(inherited, set: stdio.Env.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        var entries = inherited.Keys.Where(name => !wanted.ContainsKey(name)).ToDictionary(name => name, _ => (string?)null, StringComparer.Ordinal);
        foreach (var (name, value) in wanted)
        {
            entries[name] = value;
        }

        return entries;
    }

    private static string ExplainStartFailure(McpServerConfig config, Exception ex, StderrTail stderr, bool timedOut)
    {
        var name = config.Name;
        if (timedOut)
        {
            return $"mcp server '{name}' did not start within {Seconds(config.StartupTimeout)} s; " +
                "check that it runs on its own, or raise \"startupTimeoutSeconds\" if it is just slow." + StderrSuffix(null, stderr);
        }

        var closed = FindInChain<ClientTransportClosedException>(ex);
        if (closed is not null && config.Transport is McpStdioTransport)
        {
            var details = closed.Details as StdioClientCompletionDetails;
            var exit = details?.ExitCode is { } code ? DescribeExit(code) : "exited";
            return $"mcp server '{name}' {exit} during startup." + StderrSuffix(details, stderr);
        }

        if (config.Transport is McpStdioTransport && ExitedWhileWriting(ex))
        {
            // The SDK noticed the exit while sending (before the transport reported how the process ended), so
            // the exit code is not known here; stderr usually says why.
            return $"mcp server '{name}' exited during startup." + StderrSuffix(null, stderr);
        }

        if (FindInChain<HttpRequestException>(ex) is { } http && config.Transport is McpHttpTransport remote)
        {
            return $"mcp server '{name}': cannot reach {remote.Url}: {http.Message}";
        }

        if (FindInChain<Auth.McpAuthorizationException>(ex) is { } login)
        {
            return login.Message.StartsWith("mcp server", StringComparison.Ordinal) ? login.Message : $"mcp server '{name}': login failed: {login.Message}";
        }

        if (FindInChain<McpProtocolException>(ex) is { } protocol)
        {
            return $"mcp server '{name}' refused the MCP handshake: {protocol.Message}" + StderrSuffix(null, stderr);
        }

        return $"mcp server '{name}' failed to start: {ex.Message}" + StderrSuffix(null, stderr);
    }

    private static string StderrSuffix(StdioClientCompletionDetails? details, StderrTail stderr)
    {
        var tail = stderr.Describe() ?? (details?.StandardErrorTail is { } lines ? StderrTail.Describe(lines) : null);
        return tail is null ? "" : $" stderr: {tail}";
    }

    /// <summary>"exited with code 3", or "was killed by signal 9" for the 128+N codes Unix reports for a signal.</summary>
    private static string DescribeExit(int code) =>
        !OperatingSystem.IsWindows() && code is > 128 and < 160
            ? string.Create(CultureInfo.InvariantCulture, $"was killed by signal {code - 128}")
            : string.Create(CultureInfo.InvariantCulture, $"exited with code {code}");

    private static bool ExitedWhileWriting(Exception? ex) =>
        FindInChain<Exception>(ex, e => e.Message.Contains("process exited unexpectedly", StringComparison.OrdinalIgnoreCase)) is not null;

    /// <summary>The first exception of type <typeparamref name="T"/> (that <paramref name="matches"/>, when given) in the chain of inner exceptions.</summary>
    private static T? FindInChain<T>(Exception? ex, Func<T, bool>? matches = null)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T match && (matches is null || matches(match)))
            {
                return match;
            }
        }

        return null;
    }

    private static Dictionary<string, JsonElement> ToArguments(JsonElement arguments)
    {
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in arguments.EnumerateObject())
            {
                map[property.Name] = property.Value.Clone();
            }
        }

        return map;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
