namespace Chitin.DevServer;

/// <summary><c>chitin-dev model-server</c>: the scripted model on 127.0.0.1 until Ctrl-C.</summary>
public static class ModelServerCommand
{
    public const int Ok = 0;

    public const int UsageError = 2;

    private const string Description =
        """
        Serve a scripted model on 127.0.0.1 until Ctrl-C: OpenAI Chat Completions at <url>/v1 and Anthropic
        Messages at <url>, with simulated prompt caching. Without --script it plays the demo task.
        Script files look like {"model":"scripted-model","steps":[{"text":"..."},{"tool_calls":[{"name":"run_shell","arguments":{"command":"ls"}}]}]}.

        Examples:
          dotnet run --project src/Chitin.DevServer -- model-server --port 8700
          dotnet run --project src/Chitin.DevServer -- model-server --script steps.json
        """;

    public static Command Create(TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0, HelpName = "N" };
        var script = new Option<string?>("--script") { Description = "JSON script file with the answers to give, in order.", HelpName = "file" };
        var command = new Command("model-server", Description) { port, script };
        command.SetAction((parse, ct) => RunAsync(output, error, parse.GetValue(port), parse.GetValue(script), ct));
        return command;
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> fires; returns the exit code.</summary>
    public static async Task<int> RunAsync(TextWriter output, TextWriter error, int port, string? scriptFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (port is < 0 or > 65535)
        {
            return Fail(error, $"--port must be between 0 and 65535, got {port}");
        }

        ModelScript script;
        try
        {
            script = scriptFile is null ? ModelScript.Demo() : ModelScript.LoadFile(Path.GetFullPath(scriptFile));
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Fail(error, ex.Message);
        }

        ScriptedModelServer server;
        try
        {
            server = await ScriptedModelServer.StartAsync(script, new ScriptedModelServerOptions { Port = port }, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return Fail(error, ex.Message);
        }

        await using (server)
        {
            var model = server.Models[0];
            await output.WriteLineAsync($"scripted model server on {server.BaseUrl} (model {model})");
            await output.WriteLineAsync($"OpenAI-compatible: {server.BaseUrl}/v1");
            await output.WriteLineAsync($"Anthropic:         {server.BaseUrl}");
            await output.WriteLineAsync($"export OPENAI_BASE_URL={server.BaseUrl}/v1");
            await output.WriteLineAsync($"export CHITIN_MODEL={model}");
            await output.WriteLineAsync($"# or, for the Anthropic format: export ANTHROPIC_BASE_URL={server.BaseUrl}");
            await output.FlushAsync(CancellationToken.None);
            await error.WriteLineAsync("press Ctrl-C to stop");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C is how this command ends.
            }
        }

        return Ok;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return UsageError;
    }
}
