using Chitin.Platform.Files;

namespace Chitin.Platform.Tests.Files;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AtomicFileWriterTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Shared = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _folder = Directory.CreateTempSubdirectory("chitin-atomic-").FullName;

    [Fact]
    public void A_given_mode_is_the_files_mode_even_over_a_file_that_was_open_to_others()
    {
        var path = Path.Combine(_folder, "trust.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, Shared);

        AtomicFileWriter.Write(path, stream => stream.Write("new"u8), OwnerOnly);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void Without_a_mode_an_existing_files_mode_carries_over()
    {
        var path = Path.Combine(_folder, "skills.lock.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, Shared);

        AtomicFileWriter.Write(path, stream => stream.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(Shared, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_write_that_fails_halfway_leaves_the_old_content_and_no_temporary_file()
    {
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, "old");

        Assert.Throws<IOException>(() => AtomicFileWriter.Write(path, stream =>
        {
            stream.Write("half"u8);
            throw new IOException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
