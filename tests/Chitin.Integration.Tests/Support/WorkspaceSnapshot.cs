namespace Chitin.Integration.Tests.Support;

/// <summary>Every path under a folder with its kind, permission bits and bytes, for byte-identical comparisons.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class WorkspaceSnapshot
{
    public static SortedDictionary<string, string> Take(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, path);
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                result[relative] = "link " + target;
            }
            else if (Directory.Exists(path))
            {
                result[relative] = $"dir {File.GetUnixFileMode(path)}";
            }
            else
            {
                result[relative] = $"file {File.GetUnixFileMode(path)} {Convert.ToHexString(File.ReadAllBytes(path))}";
            }
        }

        return result;
    }

    public static void Equal(SortedDictionary<string, string> expected, SortedDictionary<string, string> actual)
    {
        var missing = expected.Keys.Except(actual.Keys).ToList();
        var extra = actual.Keys.Except(expected.Keys).ToList();
        var differ = expected.Keys.Intersect(actual.Keys).Where(k => expected[k] != actual[k]).ToList();
        Assert.True(missing.Count + extra.Count + differ.Count == 0,
            $"missing: {string.Join(", ", missing)}; extra: {string.Join(", ", extra)}; different: {string.Join(", ", differ)}");
    }
}
