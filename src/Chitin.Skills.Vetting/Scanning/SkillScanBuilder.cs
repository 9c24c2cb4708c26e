namespace Chitin.Skills.Vetting.Scanning;

/// <summary>Turns a folder snapshot into a <see cref="SkillScan"/>: binaries classified, text decoded and split into zones and units, front matter read.</summary>
internal static class SkillScanBuilder
{
    public static SkillScan Build(SkillFolderSnapshot snapshot, long maxFileBytes, int maxFiles, long maxTotalBytes)
    {
        var textFiles = new List<VetFile>();
        var binaries = new List<BinaryFile>();
        var readFindings = new List<SkillFinding>();
        VetFile? skillMarkdown = null;
        foreach (var entry in snapshot.Entries)
        {
            if (entry.Kind != SkillEntryKind.File || !entry.Retained)
            {
                continue;
            }

            var file = Add(entry, insideArchive: false, textFiles, binaries, readFindings);
            if (file is not null && entry.RelativePath.Equals("SKILL.md", StringComparison.OrdinalIgnoreCase))
            {
                skillMarkdown = file;
            }
        }

        // Open the archives the skill ships so their files are vetted too; whatever cannot be opened stays a block.
        var archives = binaries.Where(b => b.Kind == BinaryKind.Archive).ToList();
        foreach (var archive in archives)
        {
            var contents = ArchiveInspector.Inspect(archive.Entry, archive.Description, Math.Max(0, maxFiles - snapshot.Entries.Count), maxFileBytes, maxTotalBytes);
            binaries[binaries.IndexOf(archive)] = archive with { ArchiveProblem = contents.Problem };
            if (!contents.FullyInspected)
            {
                continue;
            }

            foreach (var inner in contents.Files)
            {
                Add(inner, insideArchive: true, textFiles, binaries, readFindings);
            }
        }

        if (skillMarkdown is null)
        {
            readFindings.Add(new SkillFinding("SKILL.md", 0, "files.no-skill-md", FindingSeverity.Warning,
                "The folder has no SKILL.md, so it is not a skill the agent can use. Add SKILL.md with name and description."));
        }

        var scan = new SkillScan
        {
            Snapshot = snapshot,
            TextFiles = textFiles,
            BinaryFiles = binaries,
            SkillMarkdown = skillMarkdown,
            FrontMatter = skillMarkdown is null ? new SkillFrontMatter(null, 0, null, 0, 1) : SkillFrontMatterReader.Read(skillMarkdown),
        };
        scan.ReadFindings.AddRange(readFindings);
        return scan;
    }

    private static VetFile? Add(SkillFileEntry entry, bool insideArchive, List<VetFile> textFiles, List<BinaryFile> binaries, List<SkillFinding> readFindings)
    {
        var (kind, description) = BinarySignature.Detect(entry.Head, entry.RelativePath);
        if (kind == BinaryKind.None && BinarySignature.LooksBinary(entry.Head) && !TextDecoding.HasUtf16Bom(entry.Head))
        {
            (kind, description) = (BinaryKind.Unknown, "binary data");
        }

        if (kind != BinaryKind.None)
        {
            binaries.Add(new BinaryFile(entry, kind, description, InsideArchive: insideArchive));
            return null;
        }

        var (text, wasUtf8) = TextDecoding.Decode(entry.Head, entry.Truncated);
        if (!wasUtf8)
        {
            readFindings.Add(new SkillFinding(entry.RelativePath, 0, "files.not-utf8", FindingSeverity.Info,
                "Is not valid UTF-8; it was read as Latin-1 and vetted. Save it as UTF-8."));
        }

        var file = VetFileBuilder.Build(entry.RelativePath, text);
        textFiles.Add(file);
        return file;
    }
}
