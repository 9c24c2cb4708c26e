namespace Chitin.Core.Safety;

/// <summary>
/// Creates Chitin's private state (CHITIN_HOME, the database, audit logs, artifacts, trust records) readable by its
/// owner only: folders 0700, files 0600, set when they are created so there is no moment they are readable by
/// others. Existing folders and files keep their modes (doctor reports loose ones). No-ops on Windows.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Group and others bits: any of them set means someone else may read (or enter) the path.</summary>
    public const UnixFileMode OthersMask =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> and any missing parents with mode 0700; existing ones are left as they are.</summary>
    public static void CreateDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>
    /// Creates an empty 0600 file when none exists, so a later writer (SQLite, which gives its -wal and -shm files the
    /// database file's mode) inherits the mode. Best effort: when the file cannot be created here, the writer reports why.
    /// </summary>
    public static void TryCreateFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            using var stream = new FileStream(path, CreateOptions(System.IO.FileMode.CreateNew));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Created by another process meanwhile, or not creatable: the writer opening it next says why.
        }
    }

    /// <summary>Options that create a new file with mode 0600 (write access).</summary>
    public static FileStreamOptions CreateOptions(System.IO.FileMode mode = System.IO.FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>True when group or others have any permission on <paramref name="path"/> (always false on Windows or when it is missing).</summary>
    public static bool IsOpenToOthers(string path)
    {
        if (OperatingSystem.IsWindows() || !Path.Exists(path))
        {
            return false;
        }

        return (File.GetUnixFileMode(path) & OthersMask) != 0;
    }
}
