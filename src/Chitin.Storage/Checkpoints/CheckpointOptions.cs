namespace Chitin.Storage.Checkpoints;

/// <summary>The "checkpoints" config section, resolved.</summary>
public sealed record CheckpointOptions
{
    public const long DefaultMaxFileBytes = 10L * 1024 * 1024;

    /// <summary>Folder of objects and stat indexes, normally CHITIN_HOME/checkpoints.</summary>
    public required string Root { get; init; }

    /// <summary>The database whose "checkpoints" tables list the checkpoints (CHITIN_HOME/chitin.db).</summary>
    public required string DatabasePath { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Files larger than this are recorded by size and time only and never restored.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>Checkpoints older than this are deleted; zero keeps them until their session is deleted.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>When the checkpoints' stored bytes pass this, the oldest go first; zero means no cap.</summary>
    public long MaxTotalBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Unreferenced objects younger than this survive a sweep (another process may be about to reference them).</summary>
    public TimeSpan SweepGrace { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The user's global git excludes file (git's default: $XDG_CONFIG_HOME/git/ignore); null reads none.</summary>
    public string? GlobalExcludesFile { get; init; }

    /// <summary>
    /// Keep a change journal (Linux inotify) between checkpoints so a checkpoint looks only at what changed; off, or
    /// where no journal can be had, every checkpoint walks and stats the whole workspace.
    /// </summary>
    public bool UseJournal { get; init; } = true;

    public string ObjectsDirectory => Path.Combine(Root, "objects");

    /// <summary>Where git looks for global excludes when core.excludesFile is not set.</summary>
    public static string? DefaultGlobalExcludesFile(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var config = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg
            : environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".config")
            : null;
        return config is null ? null : Path.Combine(config, "git", "ignore");
    }

    public string IndexDirectory => Path.Combine(Root, "index");
}
