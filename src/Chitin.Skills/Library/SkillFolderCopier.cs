namespace Chitin.Skills.Library;

/// <summary>
/// Copies a skill folder into staging as plain files: symbolic links are refused (a link to ~/.ssh would be copied
/// as the user's keys), limits apply, and a <c>.git</c> folder is left behind.
/// </summary>
internal static class SkillFolderCopier
{
    public static void Copy(string source, string destination, SkillLibraryOptions limits)
    {
        var budget = new StagingBudget(limits, source);
        CopyDirectory(new DirectoryInfo(source), destination, source, budget);
    }

    private static void CopyDirectory(DirectoryInfo directory, string destination, string sourceRoot, StagingBudget budget)
    {
        Directory.CreateDirectory(destination);
        foreach (var item in directory.EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(sourceRoot, item.FullName);
            if (item.LinkTarget is { } linkTarget)
            {
                throw new SkillSourceException(
                    $"Refused '{sourceRoot}': '{relative}' is a symbolic link to '{linkTarget}'. Skills must contain plain files only; " +
                    "replace the link with the file it points to if it belongs in the skill. Nothing was installed.");
            }

            budget.AddEntry(relative);
            var target = Path.Combine(destination, item.Name);
            if (item is DirectoryInfo child)
            {
                if (!string.Equals(child.Name, ".git", StringComparison.Ordinal))
                {
                    CopyDirectory(child, target, sourceRoot, budget);
                }

                continue;
            }

            var file = (FileInfo)item;
            budget.AddFile(relative, file.Length);
            file.CopyTo(target);
        }
    }
}
