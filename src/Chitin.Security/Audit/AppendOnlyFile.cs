namespace Chitin.Security.Audit;

/// <summary>
/// A file opened with O_APPEND on Linux, so each write lands at the end even when several Chitin processes append
/// to the same day's log. Elsewhere it falls back to a FileStream in append mode (safe within one process).
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    private readonly SafeFileHandle? _handle;
    private readonly FileStream? _fallback;

    public AppendOnlyFile(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var fd = LibC.Open(path, LibC.OpenAppendFlags, Convert.ToInt32("600", 8));
            if (fd < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                throw new IOException($"Cannot open the audit log {path}: {new Win32Exception(error).Message}", error);
            }

            _handle = new SafeFileHandle(fd, ownsHandle: true);
        }
        else
        {
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly.FileMode;
            }

            _fallback = new FileStream(path, options);
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/> (one line) straight to the operating system.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_fallback is not null)
        {
            _fallback.Write(bytes);
            _fallback.Flush();
            return;
        }

        while (bytes.Length > 0)
        {
            var written = LibC.Write(_handle!, ref MemoryMarshal.GetReference(bytes), bytes.Length);
            if (written < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error == LibC.EIntr)
                {
                    continue;
                }

                throw new IOException($"Cannot write the audit log: {new Win32Exception(error).Message}", error);
            }

            bytes = bytes[(int)written..];
        }
    }

    public void Dispose()
    {
        _fallback?.Dispose();
        _handle?.Dispose();
    }
}
