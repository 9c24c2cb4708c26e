using System.Text;
using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

/// <summary>Parses Markdown text as if read from a file named <paramref name="path"/>.</summary>
internal static class ParseHelper
{
    public static ParsedMemoryFile Parse(string markdown, string path = "/work/MEMORY.md") =>
        MarkdownMemoryParser.Parse(MemoryFileReader.Decode(path, Encoding.UTF8.GetBytes(markdown)));

    public static MemoryImportException ParseError(string markdown, string path = "/work/MEMORY.md") =>
        Assert.Throws<MemoryImportException>(() => Parse(markdown, path));
}
