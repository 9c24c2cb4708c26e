namespace Chitin.Platform.Files;

/// <summary>
/// A change journal of folders over Linux inotify, read synchronously. Hand-written P/Invoke because
/// FileSystemWatcher only delivers events on its own thread some time later, with no way to ask "have I seen
/// everything up to now?". The kernel queues an event while the write happens, so once a tool or shell command has
/// returned, <see cref="Drain"/> reads all its events: no timing window, no thread. Writes from inside bubblewrap
/// reach the same inodes and are seen too. Not seen: writes through mmap, through a hard link from outside the
/// watched folders, and on network file systems from other machines.
/// </summary>
public sealed class DirectoryJournal : IDisposable
{
    private const uint Events = Inotify.Create | Inotify.Delete | Inotify.Modify | Inotify.CloseWrite | Inotify.MovedFrom
        | Inotify.MovedTo | Inotify.Attrib | Inotify.DeleteSelf | Inotify.MoveSelf | Inotify.OnlyDirectory | Inotify.DontFollow;

    private const int BufferSize = 64 * 1024;

    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
    private int _fd;

    private DirectoryJournal(int fd) => _fd = fd;

    /// <summary>Opens a journal, or returns null with the reason (not Linux, or inotify refused).</summary>
    public static DirectoryJournal? TryOpen(out string? reason)
    {
        if (!OperatingSystem.IsLinux())
        {
            reason = "a change journal needs Linux inotify";
            return null;
        }

        var fd = Inotify.Init(Inotify.NonBlock | Inotify.CloseOnExec);
        if (fd < 0)
        {
            reason = $"inotify_init1 failed (errno {Marshal.GetLastPInvokeError()}: the per-user limit fs.inotify.max_user_instances may be reached)";
            return null;
        }

        reason = null;
        return new DirectoryJournal(fd);
    }

    /// <summary>
    /// Watches one folder (not its subfolders) and returns its watch number, or -1 with the reason. Watching a folder
    /// already watched returns the same number.
    /// </summary>
    public int Watch(string folder, out string? reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var wd = Inotify.AddWatch(_fd, folder, Events);
        if (wd >= 0)
        {
            reason = null;
            return wd;
        }

        var errno = Marshal.GetLastPInvokeError();
        reason = errno == Inotify.ENoSpc
            ? "the inotify watch limit is reached (raise fs.inotify.max_user_watches)"
            : $"inotify_add_watch failed on '{folder}' (errno {errno})";
        return -1;
    }

    /// <summary>Stops watching; events already queued for the watch are still read (and end with one whose <see cref="DirectoryEvent.WatchEnded"/> is set).</summary>
    public void Unwatch(int watch)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        _ = Inotify.RemoveWatch(_fd, watch);
    }

    /// <summary>
    /// Reads every queued event into <paramref name="events"/> without waiting. False when the kernel's queue
    /// overflowed (events were lost: the caller must look at everything again) or the journal cannot be read.
    /// </summary>
    public unsafe bool Drain(List<DirectoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var complete = true;
        while (true)
        {
            nint read;
            fixed (byte* buffer = _buffer)
            {
                read = Inotify.Read(_fd, buffer, BufferSize);
            }

            if (read < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Inotify.EIntr)
                {
                    continue;
                }

                return complete && errno == Inotify.EAgain;
            }

            if (read == 0)
            {
                return false;
            }

            complete &= Parse(_buffer.AsSpan(0, (int)read), events);
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = LibC.Close(_fd);
            _fd = -1;
        }
    }

    private static bool Parse(ReadOnlySpan<byte> data, List<DirectoryEvent> events)
    {
        var complete = true;
        while (data.Length >= Inotify.HeaderSize)
        {
            var wd = BinaryPrimitives.ReadInt32LittleEndian(data);
            var mask = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data[12..]);
            var name = data.Slice(Inotify.HeaderSize, length);
            data = data[(Inotify.HeaderSize + length)..];
            if ((mask & Inotify.QueueOverflow) != 0)
            {
                complete = false;
                continue;
            }

            var end = name.IndexOf((byte)0);
            var text = length == 0 ? null : Encoding.UTF8.GetString(end < 0 ? name : name[..end]);
            events.Add(new DirectoryEvent(wd, text, (mask & (Inotify.Ignored | Inotify.Unmount)) != 0));
        }

        return complete;
    }
}
