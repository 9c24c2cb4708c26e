using System.Runtime.InteropServices;
using Chitin.Cli;
using Chitin.Cli.Hosting;
using Chitin.Hosting;

using var interrupts = new InterruptSource();

// Ctrl-C cancels the running turn or command (the session is saved); a second one ends the process at once.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = interrupts.Interrupt(terminate: false));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = interrupts.Interrupt(terminate: true));

return await ChitinCli.RunAsync(args, CliContext.FromProcess(interrupts));
