using Chitin.Core.Tools;

namespace Chitin.Security.Sandbox;

/// <summary>The sandbox to use (null: run unconfined) and, when it had to be dropped, the warning to show.</summary>
public sealed record SandboxSelection(ICommandSandbox? Sandbox, string? Warning);
