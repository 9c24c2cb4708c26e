// dotnet run --project src/Chitin.DevServer -- model-server [--port N] [--script f.json]
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var root = new RootCommand("chitin-dev: tools for developing and testing Chitin and the programs around it.")
{
    ModelServerCommand.Create(Console.Out, Console.Error),
};
var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
if (stop.IsCancellationRequested)
{
    // With the "stopping" line, tells a signal that never arrived from a shutdown that hung.
    await Console.Error.WriteLineAsync("stopped");
}

return exit;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine($"{context.Signal}: stopping");
    stop.Cancel();
}
