using System.CommandLine;
using System.Runtime.InteropServices;
using Chitin.DevServer;

// dotnet run --project src/Chitin.DevServer -- model-server [--port N] [--script f.json]
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

var root = new RootCommand("chitin-dev: tools for developing and testing Chitin and the programs around it.")
{
    ModelServerCommand.Create(Console.Out, Console.Error),
};
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
