namespace Chitin.Skills.Library;

/// <summary>Brings a skill folder or .zip into a private staging folder where it is validated and vetted before anything is installed.</summary>
internal static partial class SkillSourceStager
{
    public const string SkillFileName = "SKILL.md";

    /// <summary>Extraction folder; a leading dot keeps it apart from any valid skill name.</summary>
    private const string ExtractionFolder = ".zip-contents";

    public static StagedSkill Stage(string source, string stagingRoot, SkillLibraryOptions options)
    {
        if (Directory.Exists(source))
        {
            return StageFolder(source, stagingRoot, options);
        }

        if (File.Exists(source))
        {
            if (!source.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                throw new SkillSourceException($"'{source}' is a file but not a .zip. Give a skill folder (with SKILL.md at its top) or a .zip of one.");
            }

            return StageZip(source, stagingRoot, options);
        }

        throw new SkillSourceException($"'{source}' does not exist. Give the path of a skill folder (with SKILL.md at its top) or a .zip of one.");
    }

    private static StagedSkill StageFolder(string source, string stagingRoot, SkillLibraryOptions options)
    {
        if (!File.Exists(Path.Combine(source, SkillFileName)))
        {
            throw new SkillSourceException($"'{source}' has no {SkillFileName} at its top. Point at the folder that holds {SkillFileName}.");
        }

        var sourceWithSeparator = Path.TrimEndingDirectorySeparator(source) + Path.DirectorySeparatorChar;
        if (stagingRoot.StartsWith(sourceWithSeparator, StringComparison.Ordinal) || options.SkillsDirectory.StartsWith(sourceWithSeparator, StringComparison.Ordinal))
        {
            throw new SkillSourceException($"'{source}' contains Chitin's own skill folders; point at the skill's folder itself.");
        }

        var staged = Path.Combine(stagingRoot, new DirectoryInfo(source).Name);
        SkillFolderCopier.Copy(source, staged, options);
        return new StagedSkill(staged, SkillSourceKind.Folder);
    }

    private static StagedSkill StageZip(string source, string stagingRoot, SkillLibraryOptions options)
    {
        var extracted = Path.Combine(stagingRoot, ExtractionFolder);
        SafeZipExtractor.Extract(source, extracted, options);
        var root = LocateSkillRoot(extracted, source);
        var folderName = root == extracted ? NameOfRootLevelSkill(root, source) : Path.GetFileName(root);
        var staged = Path.Combine(stagingRoot, folderName);
        Directory.Move(root, staged);
        return new StagedSkill(staged, SkillSourceKind.Zip);
    }

    /// <summary>SKILL.md at the top of the archive, or in its one top-level folder.</summary>
    private static string LocateSkillRoot(string extracted, string source)
    {
        if (File.Exists(Path.Combine(extracted, SkillFileName)))
        {
            return extracted;
        }

        var folders = Directory.GetDirectories(extracted);
        var files = Directory.GetFiles(extracted).Where(f => !string.Equals(Path.GetFileName(f), ".DS_Store", StringComparison.Ordinal)).ToList();
        if (folders.Length == 1 && files.Count == 0 && File.Exists(Path.Combine(folders[0], SkillFileName)))
        {
            return folders[0];
        }

        throw new SkillSourceException(
            $"'{source}' has no {SkillFileName} at its top or in a single top-level folder. Zip the skill folder itself (the one that holds {SkillFileName}).");
    }

    /// <summary>An archive with SKILL.md at its top carries no folder name: use the skill's declared name, else the archive's.</summary>
    private static string NameOfRootLevelSkill(string root, string source)
    {
        var archiveName = Path.GetFileNameWithoutExtension(source);
        var text = File.ReadAllText(Path.Combine(root, SkillFileName));
        var declared = SkillDocument.Parse(text, archiveName).Manifest?.Name;
        if (declared is not null && FolderName().IsMatch(declared))
        {
            return declared;
        }

        return FolderName().IsMatch(archiveName) ? archiveName : "skill";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex FolderName();
}
