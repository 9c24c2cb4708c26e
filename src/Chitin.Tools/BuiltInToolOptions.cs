namespace Chitin.Tools;

/// <summary>Limits and collaborators of the built-in tools. The defaults suit a model with a large context window.</summary>
public sealed record BuiltInToolOptions
{
    /// <summary>The options a tool runs with when it is given none.</summary>
    internal static BuiltInToolOptions Default { get; } = new();

    public TimeSpan ShellDefaultTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan ShellMaxTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>
    /// Memory-safety cap on the text of one result (shell output, a fetched page, a diff) and on each background
    /// job's buffer. The agent loop offloads large results to a file, so tools return everything up to this cap.
    /// </summary>
    public int MaxOutputChars { get; init; } = 1_000_000;

    public int ReadMaxLines { get; init; } = 2_000;

    /// <summary>Output size cap of one read_file call, in UTF-8 bytes.</summary>
    public int ReadMaxBytes { get; init; } = 256 * 1024;

    public int ListMaxEntries { get; init; } = 500;

    /// <summary>Paths listed by glob, and matching lines (or files) shown by grep.</summary>
    public int SearchMaxResults { get; init; } = 500;

    /// <summary>How long grep's regular expression may spend on one line before the search gives up.</summary>
    public TimeSpan GrepRegexTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Confines run_shell commands; see <see cref="SandboxMode"/>.</summary>
    public ICommandSandbox? Sandbox { get; init; }

    public SandboxMode SandboxMode { get; init; } = SandboxMode.Preferred;

    /// <summary>Whether sandboxed commands may use the network.</summary>
    public bool AllowNetwork { get; init; }

    /// <summary>
    /// Variables set for shell commands on top of the minimal child environment (PATH, HOME, LANG, TERM, TMPDIR,
    /// LC_*; see <see cref="Core.Processes.ChildEnvironment"/>). A null value removes one.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ShellEnvironment { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Names of Chitin's environment variables that shell commands also get (config: sandbox.envPassthrough). An
    /// exact name passes even when it looks like a secret; a '*' pattern never passes a secret-looking one.
    /// </summary>
    public IReadOnlyList<string> ShellEnvironmentPassthrough { get; init; } = [];

    /// <summary>Which addresses web_fetch may reach besides public ones; see <see cref="SsrfGuard"/>.</summary>
    public EgressPolicy WebEgress { get; init; } = EgressPolicy.Default;

    /// <summary>
    /// Answers "may read_file read this path?" so grep, glob and list_dir skip what a deny rule hides. Null: no
    /// rules, nothing skipped.
    /// </summary>
    public IFileReadPolicy? ReadPolicy { get; init; }

    /// <summary>Background jobs that may run at once in one session.</summary>
    public int MaxShellJobs { get; init; } = 8;

    public TimeSpan WebFetchTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes web_fetch downloads at most; the rest of a larger body is dropped.</summary>
    public int WebFetchMaxBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Backs web_search; without one web_search explains that it is not configured.</summary>
    public IWebSearchProvider? SearchProvider { get; init; }

    /// <summary>Answers ask_user; null in non-interactive runs.</summary>
    public IUserPrompter? UserPrompter { get; init; }

    internal BuiltInToolOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ShellDefaultTimeout, TimeSpan.FromSeconds(1), nameof(ShellDefaultTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShellMaxTimeout, ShellDefaultTimeout, nameof(ShellMaxTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputChars, 100, nameof(MaxOutputChars));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadMaxLines, 1, nameof(ReadMaxLines));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadMaxBytes, 1024, nameof(ReadMaxBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(ListMaxEntries, 1, nameof(ListMaxEntries));
        ArgumentOutOfRangeException.ThrowIfLessThan(SearchMaxResults, 1, nameof(SearchMaxResults));
        ArgumentOutOfRangeException.ThrowIfLessThan(GrepRegexTimeout, TimeSpan.FromMilliseconds(1), nameof(GrepRegexTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxShellJobs, 1, nameof(MaxShellJobs));
        ArgumentOutOfRangeException.ThrowIfLessThan(WebFetchTimeout, TimeSpan.FromMilliseconds(100), nameof(WebFetchTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(WebFetchMaxBytes, 1024, nameof(WebFetchMaxBytes));
        ArgumentNullException.ThrowIfNull(ShellEnvironment, nameof(ShellEnvironment));
        ArgumentNullException.ThrowIfNull(ShellEnvironmentPassthrough, nameof(ShellEnvironmentPassthrough));
        ArgumentNullException.ThrowIfNull(WebEgress, nameof(WebEgress));
        return this;
    }
}
