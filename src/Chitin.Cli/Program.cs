// `chitin --version` is what scripts call to probe for Chitin: answer it before building the command tree.
if (args is ["--version"])
{
    Console.Out.WriteLine(CliVersion.Text);
    return 0;
}

using var interrupts = new InterruptSource();

// Ctrl-C cancels the running turn or command (the session is saved); a second one ends the process at once.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = interrupts.Interrupt(terminate: false));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = interrupts.Interrupt(terminate: true));

return await ChitinCli.RunAsync(args, CliContext.FromProcess(interrupts));
