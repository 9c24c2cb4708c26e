namespace Chitin.Tools;

/// <summary>Limits of the built-in tools. The defaults suit a model with a large context window.</summary>
public sealed record BuiltInToolOptions
{
    public TimeSpan ShellDefaultTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan ShellMaxTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Combined stdout+stderr kept from a shell command; longer output keeps its head and tail.</summary>
    public int MaxOutputChars { get; init; } = 30_000;

    public int ReadMaxLines { get; init; } = 2_000;

    /// <summary>Output size cap of one read_file call, in UTF-8 bytes.</summary>
    public int ReadMaxBytes { get; init; } = 256 * 1024;

    public int ListMaxEntries { get; init; } = 500;

    internal BuiltInToolOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ShellDefaultTimeout, TimeSpan.FromSeconds(1), nameof(ShellDefaultTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShellMaxTimeout, ShellDefaultTimeout, nameof(ShellMaxTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputChars, 100, nameof(MaxOutputChars));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadMaxLines, 1, nameof(ReadMaxLines));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadMaxBytes, 1024, nameof(ReadMaxBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(ListMaxEntries, 1, nameof(ListMaxEntries));
        return this;
    }
}
