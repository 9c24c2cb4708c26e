namespace Chitin.Security.Sandbox.Landlock;

/// <summary>What a Landlock-confined command may touch; everything else on the filesystem is denied.</summary>
/// <param name="ReadOnly">Read and execute beneath these paths.</param>
/// <param name="Writable">Everything beneath these paths (the workspace, the private temp folder).</param>
/// <param name="Devices">Read and write existing files beneath these paths, create nothing (/dev: /dev/null, the terminal).</param>
/// <param name="BlockNetwork">Deny TCP bind and connect (ABI 4) and abstract Unix sockets outside the sandbox (ABI 6).</param>
public sealed record LandlockRules(IReadOnlyList<string> ReadOnly, IReadOnlyList<string> Writable, IReadOnlyList<string> Devices, bool BlockNetwork);
