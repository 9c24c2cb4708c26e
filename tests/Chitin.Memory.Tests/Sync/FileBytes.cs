using System.Text;
using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

/// <summary>Byte-level checks that Chitin changed nothing outside its section.</summary>
internal static class FileBytes
{
    private static readonly byte[] Begin = Encoding.UTF8.GetBytes(SectionMarkers.Begin);
    private static readonly byte[] End = Encoding.UTF8.GetBytes(SectionMarkers.End);

    /// <summary>The bytes with the section (begin marker through end marker) cut out.</summary>
    public static byte[] WithoutSection(byte[] bytes)
    {
        var start = bytes.AsSpan().IndexOf(Begin);
        if (start < 0)
        {
            return bytes;
        }

        var end = bytes.AsSpan(start).IndexOf(End);
        Assert.True(end >= 0, "the section has no end marker");
        return [.. bytes.AsSpan(0, start), .. bytes.AsSpan(start + end + End.Length)];
    }

    /// <summary>
    /// After a section was added to a file that had none: the original bytes are an exact prefix, followed only by line
    /// breaks, the section, and a final line break only if the original had one (or was empty).
    /// </summary>
    public static void AssertSectionAppended(byte[] before, byte[] after)
    {
        Assert.True(after.AsSpan().StartsWith(before), "the original bytes are no longer a prefix of the file");
        var added = WithoutSection(after[before.Length..]);
        Assert.All(added, b => Assert.True(b is (byte)'\r' or (byte)'\n', "bytes other than line breaks were added outside the section"));
        var endsWithBreak = before.Length == 0 || before[^1] == (byte)'\n';
        Assert.Equal(endsWithBreak, after[^1] == (byte)'\n');
        if (Array.IndexOf(before, (byte)'\r') >= 0)
        {
            var tail = Encoding.UTF8.GetString(after[before.Length..]);
            Assert.DoesNotContain("\n", tail.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    /// <summary>Everything outside the section is byte-identical.</summary>
    public static void AssertRestUnchanged(byte[] before, byte[] after) => Assert.Equal(WithoutSection(before), WithoutSection(after));

    /// <summary>The bullets of Chitin's section, as read back.</summary>
    public static List<string> SectionBullets(byte[] bytes, string path = "/x/MEMORY.md") =>
        MarkdownMemoryParser.Parse(MemoryFileReader.Decode(path, bytes)).Entries.Where(e => e.InSection).Select(e => e.Text).ToList();
}
