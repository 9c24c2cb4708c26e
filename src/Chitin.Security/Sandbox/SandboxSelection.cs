namespace Chitin.Security.Sandbox;

/// <summary>The sandbox to use (null: none; unconfined only under policy off) and, when none can run, the warning to show.</summary>
public sealed record SandboxSelection(ICommandSandbox? Sandbox, string? Warning);
