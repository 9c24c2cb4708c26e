// Namespaces that most command files use: the command-line model, invariant formatting, JSON output, and the
// CLI's shared command plumbing and renderers.
global using System.CommandLine;
global using System.Globalization;
global using System.Text.Json;
global using Chitin.Cli.Commands;
global using Chitin.Cli.Rendering;
