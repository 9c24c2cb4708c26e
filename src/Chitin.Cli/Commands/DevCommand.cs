using System.CommandLine;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Commands;

/// <summary><c>chitin dev …</c>: tools for developing and testing Chitin and the programs around it.</summary>
public static class DevCommand
{
    private const string ModelServerDescription =
        """
        Serve a scripted model on 127.0.0.1 until Ctrl-C: OpenAI Chat Completions at <url>/v1 and Anthropic
        Messages at <url>, with simulated prompt caching. Without --script it plays the demo task.
        Script files look like {"model":"scripted-model","steps":[{"text":"..."},{"tool_calls":[{"name":"run_shell","arguments":{"command":"ls"}}]}]}.

        Examples:
          chitin dev model-server --port 8700
          chitin dev model-server --script steps.json
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0, HelpName = "N" };
        var script = new Option<string?>("--script") { Description = "JSON script file with the answers to give, in order.", HelpName = "file" };
        var modelServer = new Command("model-server", ModelServerDescription) { port, script };
        modelServer.SetAction((parse, ct) => RunModelServerAsync(runtime, parse.GetValue(port), parse.GetValue(script), ct));
        return new Command("dev", "Developer tools: a scripted model server for tests and offline work.") { modelServer };
    }

    private static async Task<int> RunModelServerAsync(CommandRuntime runtime, int port, string? scriptFile, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            return runtime.Fail(ExitCodes.UsageError, $"--port must be between 0 and 65535, got {port}");
        }

        ModelScript script;
        try
        {
            script = scriptFile is null ? ModelScript.Demo() : ModelScript.LoadFile(Path.GetFullPath(scriptFile, runtime.Context.WorkingDirectory));
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return runtime.Fail(ExitCodes.UsageError, ex.Message);
        }

        ScriptedModelServer server;
        try
        {
            server = await ScriptedModelServer.StartAsync(script, new ScriptedModelServerOptions { Port = port }, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, ex.Message);
        }

        await using (server)
        {
            var output = runtime.Context.Out;
            var model = server.Models[0];
            output.WriteLine($"scripted model server on {server.BaseUrl} (model {model})");
            output.WriteLine($"OpenAI-compatible: {server.BaseUrl}/v1");
            output.WriteLine($"Anthropic:         {server.BaseUrl}");
            output.WriteLine($"export OPENAI_BASE_URL={server.BaseUrl}/v1");
            output.WriteLine($"export CHITIN_MODEL={model}");
            output.WriteLine($"# or, for the Anthropic format: export ANTHROPIC_BASE_URL={server.BaseUrl}");
            output.Flush();
            runtime.Error.Line("[grey]press Ctrl-C to stop[/]");

            using var stop = runtime.LinkInterrupts(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C is how this command ends.
            }
        }

        return ExitCodes.Ok;
    }
}
