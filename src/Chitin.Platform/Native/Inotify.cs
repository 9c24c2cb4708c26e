namespace Chitin.Platform.Native;

/// <summary>Linux inotify(7): the three calls and the mask bits the change journal uses.</summary>
internal static unsafe partial class Inotify
{
    public const int NonBlock = 0x800;
    public const int CloseOnExec = 0x80000;

    public const uint Modify = 0x2;
    public const uint Attrib = 0x4;
    public const uint CloseWrite = 0x8;
    public const uint MovedFrom = 0x40;
    public const uint MovedTo = 0x80;
    public const uint Create = 0x100;
    public const uint Delete = 0x200;
    public const uint DeleteSelf = 0x400;
    public const uint MoveSelf = 0x800;
    public const uint Unmount = 0x2000;
    public const uint QueueOverflow = 0x4000;
    public const uint Ignored = 0x8000;
    public const uint OnlyDirectory = 0x1000000;
    public const uint DontFollow = 0x2000000;
    public const uint ExcludeUnlinked = 0x4000000;

    public const int EAgain = 11;
    public const int EIntr = 4;
    public const int ENoSpc = 28;

    /// <summary>struct inotify_event without its name: wd, mask, cookie, len.</summary>
    public const int HeaderSize = 16;

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    public static partial int Init(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int AddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "inotify_rm_watch", SetLastError = true)]
    public static partial int RemoveWatch(int fd, int wd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);
}
