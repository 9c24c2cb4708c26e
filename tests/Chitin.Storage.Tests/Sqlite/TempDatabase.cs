using System.Diagnostics;

namespace Chitin.Storage.Tests.Sqlite;

/// <summary>A database path in its own temp folder (safe in parallel), removed on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly List<string> _immutableFiles = [];

    public TempDatabase(string relativePath = "chitin.db")
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chitin-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, relativePath);
    }

    public string Folder { get; }

    public string Path { get; }

    /// <summary>
    /// Makes a file unwritable. Permission bits do not stop root (as in many CI containers), so when the file is
    /// still writable it is also marked immutable with chattr.
    /// </summary>
    public void MakeReadOnly(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(file, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        if (IsWritable(file) && !OperatingSystem.IsWindows())
        {
            RunChattr("+i", file);
            _immutableFiles.Add(file);
        }

        Assert.False(IsWritable(file), $"Could not make {file} read-only for the test.");
    }

    public void Dispose()
    {
        foreach (var file in _immutableFiles)
        {
            RunChattr("-i", file);
        }

        if (OperatingSystem.IsWindows())
        {
            foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }
        }

        Directory.Delete(Folder, recursive: true);
    }

    private static bool IsWritable(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void RunChattr(string flag, string file)
    {
        var start = new ProcessStartInfo("chattr") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(flag);
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {flag} {file} failed: {error}");
    }
}
