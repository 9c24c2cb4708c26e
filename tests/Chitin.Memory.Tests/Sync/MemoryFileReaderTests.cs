using System.Text;
using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

public sealed class MemoryFileReaderTests
{
    [Fact]
    public void Utf8_bom_is_kept_aside_and_bytes_are_kept_exactly()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("- café\r\n")];

        var content = MemoryFileReader.Decode("/x/MEMORY.md", bytes);

        Assert.True(content.HasBom);
        Assert.Equal("- café\r\n", content.Text);
        Assert.Equal(bytes, content.Bytes);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_naming_the_line()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("- ok\n- bad "), 0xC3, 0x28, (byte)'\n'];

        var error = Assert.Throws<MemoryImportException>(() => MemoryFileReader.Decode("/x/MEMORY.md", bytes));

        Assert.Equal(2, error.Line);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_content_is_an_error()
    {
        var error = Assert.Throws<MemoryImportException>(() => MemoryFileReader.Decode("/x/MEMORY.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]));

        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_is_an_error() =>
        Assert.Contains("UTF-16", Assert.Throws<MemoryImportException>(() => MemoryFileReader.Decode("/x/MEMORY.md", [0xFF, 0xFE, 0x41, 0x00])).Message, StringComparison.Ordinal);

    [Fact]
    public async Task A_file_over_the_size_limit_is_an_error()
    {
        var folder = Directory.CreateTempSubdirectory("chitin-sync-read-");
        try
        {
            var path = Path.Combine(folder.FullName, "MEMORY.md");
            await File.WriteAllTextAsync(path, new string('x', 2_000));

            var error = await Assert.ThrowsAsync<MemoryImportException>(() => MemoryFileReader.ReadAsync(path, 1_000, CancellationToken.None));

            Assert.Contains("Split it", error.Message, StringComparison.Ordinal);
            Assert.Equal(path, error.FilePath);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
