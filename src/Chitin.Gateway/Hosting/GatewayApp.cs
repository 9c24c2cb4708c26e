namespace Chitin.Gateway.Hosting;

/// <summary>
/// Builds the gateway: the shared composition root (config, safety, <see cref="ChitinHost"/>), Kestrel on the
/// configured address, an in-process Orleans silo with localhost clustering for the session grains, and the APIs
/// behind the auth front door.
/// </summary>
public static class GatewayApp
{
    /// <summary>Builds and starts a gateway; dispose the result to stop it gracefully.</summary>
    /// <exception cref="ConfigException">The configuration is invalid or names no model.</exception>
    /// <exception cref="GatewayStartException">The bind is unsafe or the port cannot be used.</exception>
    public static async Task<RunningGateway> StartAsync(GatewayLaunch launch, CancellationToken cancellationToken)
    {
        var app = await BuildAsync(launch, cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new GatewayStartException($"cannot listen: {ex.Message} Choose another --port (or gateway.port), or stop what uses it.", ex);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningGateway(app, new Uri(address), app.Services.GetRequiredService<GatewaySecurity>().Token);
    }

    public static async Task<WebApplication> BuildAsync(GatewayLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var context = launch.Context;
        var config = ConfigLoader.Load(context);
        if (config.Gateway.Workspace is { } folder)
        {
            var workspace = Path.GetFullPath(folder, context.WorkingDirectory);
            if (!Directory.Exists(workspace))
            {
                throw new GatewayStartException($"gateway.workspace '{workspace}' does not exist; create it or change the setting.");
            }

            context = new HostContext { Environment = context.Environment, WorkingDirectory = workspace, Time = context.Time };
            config = ConfigLoader.Load(context);
        }

        foreach (var warning in config.Warnings)
        {
            launch.Warn(warning.Format("warning"));
        }

        var settings = config.Gateway;
        var bind = launch.Bind ?? settings.BindAddress;
        var address = GatewaySecurity.CheckBind(bind, settings.Auth);
        var port = launch.Port ?? settings.Port;
        var model = config.RequireModel();
        if (launch.ChatClient is null)
        {
            config.RequireProvider();
        }

        // A channel whose secret is missing fails here, as a config error, not later inside the starting host.
        ChannelSet.CheckSecrets(ChannelsSettings.From(config), context.Environment);
        var token = settings.RequiresToken ? GatewayToken.ReadOrCreate(config.Paths) : null;
        var redactor = new GatewayTokenRedactor(Redactor(context, config));
        if (token is not null)
        {
            redactor.Remember(token);
        }

        var broadcaster = new SessionBroadcaster();
        var approvals = new ApprovalRelay(broadcaster, ChannelsSettings.From(config).ApprovalTimeout, context.Time);
        var safety = AgentSafety.Create(context, config, PermissionFlags.None, redactor, launch.Warn, approvals.PromptAsync);
        ChitinHost host;
        try
        {
            var options = Chitin.Hosting.HostOptions.From(context, safety, model, warn: launch.Warn) with { ChatClient = launch.ChatClient, DeferProviderClient = true };
            host = await ChitinHost.StartAsync(config, options, cancellationToken);
        }
        catch
        {
            safety.Dispose();
            throw;
        }

        var resources = new GatewayResources(host, safety);
        try
        {
            return Build(launch, context, config, host, resources, address, port, token, model, approvals, broadcaster, redactor);
        }
        catch
        {
            await resources.DisposeAsync();
            throw;
        }
    }

    private static WebApplication Build(GatewayLaunch launch, IHostContext context, ChitinConfig config, ChitinHost host, GatewayResources resources, IPAddress address, int port, string? token, string model, ApprovalRelay approvals, SessionBroadcaster broadcaster, GatewayTokenRedactor redactor)
    {
        var settings = config.Gateway;
        var grace = TimeSpan.FromSeconds(settings.ShutdownGraceSeconds);

        // The empty builder reads no appsettings.json or ASPNETCORE_* variables: config comes from Chitin's own layers.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "chitin-gateway", ContentRootPath = context.WorkingDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, port);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        if (launch.Logging is not null)
        {
            builder.Logging.AddProvider(new QuietLoggerProvider(launch.Logging));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);

            // Heartbeat beats (heartbeat_skipped / heartbeat_ran with their reason) and cron runs are worth seeing.
            builder.Logging.AddFilter("chitin.gateway", LogLevel.Information);
        }

        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = grace + TimeSpan.FromSeconds(15));
        builder.UseOrleans(silo =>
        {
            // Embedded default: one silo in this process. The grains assume nothing about that; a cluster with a
            // shared membership table runs the same grains.
            silo.UseLocalhostClustering(siloPort: LoopbackPort.PickFree(), gatewayPort: 0, serviceId: "chitin-gateway", clusterId: "chitin-" + Environment.ProcessId);
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(10));

            // The grain-location cache preallocates its capacity: Orleans' default of 1,000,000 entries held 9 MB of an
            // idle gateway's heap. Ten thousand covers the sessions one node serves at once; a miss only asks the directory.
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = 10_000);
        });

        var time = context.Time;
        builder.Services.AddSingleton(_ => resources);
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton<ISessionStore>(host.Store);
        builder.Services.AddSingleton<IUsageStore>(host.Store);
        builder.Services.AddSingleton(_ => new GatewayStore(config.Paths.DatabaseFile, time));
        builder.Services.AddSingleton(new TurnExecutor(host.Runners, model, context.WorkingDirectory) { Limits = config.Limits });
        var security = new GatewaySecurity(token, settings.AllowedOrigins, redactor.Remember);
        var limiter = new FailedAuthLimiter(settings.MaxFailedAuth, time);
        builder.Services.AddSingleton(security);
        builder.Services.AddSingleton(limiter);
        builder.Services.AddSingleton<IWebAuthority>(new WebAuthority(security, limiter, config.Paths));
        builder.Services.AddSingleton<ISecretRedactor>(redactor);
        builder.Services.AddSingleton<IWebConversations>(sp => new GatewayConversations(sp.GetRequiredService<GatewayStore>()));
        builder.Services.AddChitinWebUi();

        // Data protection (the web UI's antiforgery and cookies) reads its key ring on first use; its hosted service
        // would read it at start, loading the XML stack into every idle gateway that no browser ever opens.
        foreach (var eager in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList())
        {
            builder.Services.Remove(eager);
        }
        builder.Services.AddSingleton(new GatewayInfo(address.ToString(), port, token is not null, context.WorkingDirectory, model, time.GetUtcNow()));
        builder.Services.AddSingleton(broadcaster);
        builder.Services.AddSingleton(approvals);
        builder.Services.AddSingleton<WsTurns>();
        builder.Services.AddSingleton<OrleansConversationDispatcher>();
        builder.Services.AddSingleton<IConversationDispatcher>(sp => sp.GetRequiredService<OrleansConversationDispatcher>());
        builder.Services.AddSingleton(sp => new GatewayFeatures(
            host,
            sp.GetRequiredService<IConversationDispatcher>(),
            context.Environment,
            context.WorkingDirectory,
            time,
            approvals,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("chitin.gateway")));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GatewayFeatures>());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<GatewayFeatures>().Beats);
        builder.Services.AddHostedService(sp => new ProbeSchedule(host, config, time, sp.GetRequiredService<ILoggerFactory>().CreateLogger("chitin.gateway")));
        builder.Services.AddSingleton<IGatewayListing, CronListing>();
        builder.Services.AddSingleton<IGatewayListing, ChannelsListing>();
        builder.Services.AddSingleton<IGatewayListing, RunsListing>();
        builder.Services.AddHostedService(sp => new GracefulDrain(sp.GetRequiredService<TurnExecutor>(), sp.GetRequiredService<IHostApplicationLifetime>(), grace));

        var app = builder.Build();
        app.UseMiddleware<GatewayAuthMiddleware>();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = WsEndpoint.KeepAlive, KeepAliveTimeout = WsEndpoint.KeepAlive });
        app.UseRouting();
        RestEndpoints.Map(app);
        OpenAiEndpoints.Map(app);
        ChannelEndpoints.Map(app);
        WsEndpoint.Map(app);
        app.MapChitinWebUi();
        return app;
    }

    private static SecretRedactor Redactor(IHostContext context, ChitinConfig config)
    {
        List<ExactSecret> secrets = [.. SecretRedactor.ExactSecretsFrom(new Dictionary<string, string>(context.Environment, StringComparer.Ordinal))];
        if (config.Provider.ApiKey is { Length: >= SecretRedactor.MinimumExactSecretLength } key)
        {
            secrets.Add(new ExactSecret(key, "provider-api-key"));
        }

        return new SecretRedactor(secrets);
    }
}
