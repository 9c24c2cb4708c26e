using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Chitin.Testing.Faults;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Chitin.Testing.Tests;

public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task Listens_on_a_free_loopback_port_by_default()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("x")));

        Assert.Equal($"http://127.0.0.1:{server.Port}", server.BaseUrl);
        Assert.True(server.Port > 0);
        Assert.Equal([ScriptedModelServerOptions.DefaultModel], server.Models);
    }

    [Fact]
    public async Task Listens_on_a_chosen_port_and_explains_when_it_is_taken()
    {
        var port = FreePort();
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("x")), new ScriptedModelServerOptions { Port = port });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("x")), new ScriptedModelServerOptions { Port = port }));

        Assert.Equal(port, server.Port);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        using var response = await Raw.Http.GetAsync(server.BaseUrl + "/v1/models");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dispose_stops_listening_and_can_be_called_twice()
    {
        var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("x")));
        var url = server.BaseUrl + "/v1/models";

        await server.DisposeAsync();
        await server.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => Raw.Http.GetAsync(url));
    }

    [Fact]
    public async Task Dispose_ends_a_request_that_is_still_waiting_for_its_first_token()
    {
        var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("never sent")));
        server.Faults.Enqueue(Fault.SlowFirstToken(TimeSpan.FromMinutes(5)));
        using var response = await Raw.PostOpenAIAsync(server.BaseUrl, Raw.OpenAIRequest(stream: true, Raw.User("hi")));
        var reading = response.Content.ReadAsStringAsync();

        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAnyAsync<Exception>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(reading.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Invalid_options_are_rejected_before_anything_starts()
    {
        var script = ModelScript.FromSteps(ScriptStep.Text("x"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ScriptedModelServer.StartAsync(script, new ScriptedModelServerOptions { ChunkChars = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ScriptedModelServer.StartAsync(script, new ScriptedModelServerOptions { CacheBlockTokens = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ScriptedModelServer.StartAsync(script, new ScriptedModelServerOptions { Port = 70000 }));
        await Assert.ThrowsAsync<ArgumentException>(() => ScriptedModelServer.StartAsync(script, new ScriptedModelServerOptions { Models = [] }));
    }

    [Fact]
    public async Task Logs_go_to_the_given_logger_factory()
    {
        var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));
        await using (var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Text("x")),
            new ScriptedModelServerOptions { LoggerFactory = loggerFactory }))
        {
            using (await Raw.Http.GetAsync(server.BaseUrl + "/v1/models"))
            {
            }
        }

        Assert.Contains(provider.Categories, c => c.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<string> _categories = [];

        public IReadOnlyCollection<string> Categories => _categories;

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _categories);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(string category, System.Collections.Concurrent.ConcurrentBag<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Add(category);
        }
    }
}
