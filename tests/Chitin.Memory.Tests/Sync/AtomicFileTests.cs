using System.Text;
using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

public sealed class AtomicFileTests
{
    [Fact]
    public async Task A_file_changed_since_it_was_read_is_not_overwritten()
    {
        var folder = Directory.CreateTempSubdirectory("chitin-sync-atomic-");
        try
        {
            var path = Path.Combine(folder.FullName, "CLAUDE.md");
            var read = Encoding.UTF8.GetBytes("- as read\n");
            await File.WriteAllTextAsync(path, "- changed by another agent\n");

            var error = await Assert.ThrowsAsync<MemoryImportException>(() => AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("- new\n"), read, CancellationToken.None));

            Assert.Contains("changed on disk", error.Message, StringComparison.Ordinal);
            Assert.Equal("- changed by another agent\n", await File.ReadAllTextAsync(path));
            Assert.Equal([path], Directory.GetFiles(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Replacing_keeps_the_files_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Directory.CreateTempSubdirectory("chitin-sync-atomic-");
        try
        {
            var path = Path.Combine(folder.FullName, "AGENTS.md");
            var old = Encoding.UTF8.GetBytes("- old\n");
            await File.WriteAllBytesAsync(path, old);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("- new\n"), old, CancellationToken.None);

            Assert.Equal("- new\n", await File.ReadAllTextAsync(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal([path], Directory.GetFiles(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
