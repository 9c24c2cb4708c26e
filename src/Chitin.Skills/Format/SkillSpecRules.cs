namespace Chitin.Skills.Format;

/// <summary>Rule ids of the findings <see cref="SkillDocument"/> reports for violations of the Agent Skills specification.</summary>
public static class SkillSpecRules
{
    /// <summary>SKILL.md is missing, unreadable, or not a regular file inside the skill folder.</summary>
    public const string File = "spec.file";

    /// <summary>SKILL.md is larger than <see cref="SkillSpecValidator.MaxSkillFileBytes"/>.</summary>
    public const string FileSize = "spec.file-size";

    /// <summary>SKILL.md is not UTF-8 text.</summary>
    public const string Encoding = "spec.encoding";

    /// <summary>The YAML front matter is missing, unclosed, too large, not valid YAML, or uses aliases or custom tags.</summary>
    public const string FrontMatter = "spec.front-matter";

    public const string DuplicateKey = "spec.duplicate-key";

    public const string UnknownKey = "spec.unknown-key";

    public const string NameMissing = "spec.name-missing";

    public const string NameFormat = "spec.name-format";

    public const string NameFolderMismatch = "spec.name-folder-mismatch";

    public const string DescriptionMissing = "spec.description-missing";

    public const string DescriptionLength = "spec.description-length";

    public const string License = "spec.license";

    public const string Compatibility = "spec.compatibility";

    public const string Metadata = "spec.metadata";

    /// <summary>allowed-tools is not a string or a list of strings.</summary>
    public const string AllowedTools = "spec.allowed-tools";

    /// <summary>allowed-tools is written as a YAML list (accepted; informational).</summary>
    public const string AllowedToolsList = "spec.allowed-tools-list";
}
