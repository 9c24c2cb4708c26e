namespace Chitin.Cli.Rendering;

/// <summary>Small JSON answer of commands that change something (delete, export, init) or fail before doing anything.</summary>
public sealed record CommandResultOutput(string Status, string? SessionId = null, string? Path = null, string? Error = null);
