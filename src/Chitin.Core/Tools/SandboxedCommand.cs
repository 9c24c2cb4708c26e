namespace Chitin.Core.Tools;

/// <summary>The program to start and its arguments, ready for ProcessStartInfo.ArgumentList.</summary>
public sealed record SandboxedCommand(string FileName, IReadOnlyList<string> Arguments);
