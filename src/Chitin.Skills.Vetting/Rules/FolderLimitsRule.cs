namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// What the walk of the folder itself found: symbolic links (never followed; blocking when they point outside the
/// skill), files over the size cap (scanned only up to it), too many files or too many bytes (not everything could
/// be vetted, so the skill is blocked), and unreadable files.
/// </summary>
internal sealed class FolderLimitsRule(long maxFileBytes, int maxFiles, long maxTotalBytes) : VetRule(
    "files.limits", FindingSeverity.Block, "Symbolic links, oversized files, too many files, unreadable files.")
{
    public override void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var entry in scan.Snapshot.Entries)
        {
            switch (entry.Kind)
            {
                case SkillEntryKind.SymbolicLink:
                    sink.Add(entry.RelativePath, 0, "files.symlink", entry.LinkPointsOutside ? FindingSeverity.Block : FindingSeverity.Warning,
                        entry.LinkPointsOutside
                            ? $"Is a symbolic link to '{entry.LinkTarget}', outside the skill: reading the skill would read that file (it could be ~/.ssh or a secret). Replace the link with the file itself."
                            : $"Is a symbolic link to '{entry.LinkTarget}' inside the skill; it was not followed. Replace it with the file itself.",
                        entry.LinkTarget ?? string.Empty);
                    break;
                case SkillEntryKind.Unreadable:
                    sink.Add(entry.RelativePath, 0, "files.unreadable", FindingSeverity.Warning, $"Could not be read ({entry.Error}), so it was not vetted.");
                    break;
                case SkillEntryKind.File when entry.Truncated:
                    sink.Add(entry.RelativePath, 0, "files.too-large", FindingSeverity.Warning,
                        $"Is {entry.Length:N0} bytes; only the first {entry.Head.Length:N0} were vetted (limit {maxFileBytes:N0}). Skills should be small; split or remove large files.");
                    break;
            }
        }

        if (scan.Snapshot.FileLimitExceeded)
        {
            sink.Add(".", 0, "files.too-many", FindingSeverity.Block,
                $"Has {scan.Snapshot.Entries.Count:N0} files; only the first {maxFiles:N0} could be vetted, so the skill is blocked. Remove files the skill does not need.");
        }

        if (scan.Snapshot.TotalLimitExceeded)
        {
            sink.Add(".", 0, "files.too-large-total", FindingSeverity.Block,
                $"Holds more than {maxTotalBytes:N0} bytes of files, so not all of it could be vetted and the skill is blocked. Remove what the skill does not need.");
        }
    }
}
