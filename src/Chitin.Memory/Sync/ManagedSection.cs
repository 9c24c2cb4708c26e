namespace Chitin.Memory.Sync;

/// <summary>
/// Where Chitin's section is in a file's text: from the first character of the begin marker to just after the last
/// character of the end marker (the end marker's line break is not part of it). <see cref="Line"/> is the begin marker's 1-based line.
/// </summary>
internal sealed record ManagedSection(int Start, int End, int Line);
