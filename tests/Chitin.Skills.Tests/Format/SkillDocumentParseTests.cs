using Chitin.Skills.Format;
using Chitin.Skills.Vetting;

namespace Chitin.Skills.Tests.Format;

public sealed class SkillDocumentParseTests
{
    private static SkillFinding Single(SkillDocument document, string rule) => Assert.Single(document.Findings, f => f.Rule == rule);

    [Fact]
    public void A_minimal_skill_has_a_manifest_a_body_and_no_findings()
    {
        var document = SkillDocument.Parse("---\nname: pdf-tools\ndescription: Fill PDF forms. Use when the user has a PDF form.\n---\n\n# PDF\n\nStep one.\n", "pdf-tools");

        Assert.True(document.IsValid);
        Assert.Empty(document.Findings);
        Assert.Equal("pdf-tools", document.Manifest!.Name);
        Assert.Equal("Fill PDF forms. Use when the user has a PDF form.", document.Manifest.Description);
        Assert.Null(document.Manifest.License);
        Assert.Empty(document.Manifest.Metadata);
        Assert.Empty(document.Manifest.AllowedTools);
        Assert.Equal("\n# PDF\n\nStep one.\n", document.Body);
        Assert.Equal(5, document.BodyStartLine);
    }

    [Fact]
    public void Every_optional_field_is_read()
    {
        var document = SkillDocument.Parse(
            """
            ---
            name: release
            description: >
              Cut a release: tag, changelog and notes.
              Use when the user says release.
            license: Apache-2.0
            compatibility: Requires git and gh
            metadata:
              version: 1.0
              author: example-org
              requires-bins: git gh
            allowed-tools: Bash(git log:*) Bash(gh release:*), Read
            ---
            Body
            """,
            "release");

        Assert.Empty(document.Findings);
        var manifest = document.Manifest!;
        Assert.Equal("Cut a release: tag, changelog and notes. Use when the user says release.", manifest.Description);
        Assert.Equal("Apache-2.0", manifest.License);
        Assert.Equal("Requires git and gh", manifest.Compatibility);
        Assert.Equal(["author", "requires-bins", "version"], manifest.Metadata.Keys);
        Assert.Equal("1.0", manifest.Metadata["version"]);
        Assert.Equal(["Bash(git log:*)", "Bash(gh release:*)", "Read"], manifest.AllowedTools);
        Assert.Equal("Body", document.Body);
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_accepted_with_right_line_numbers()
    {
        var document = SkillDocument.Parse("\uFEFF---\r\nname: crlf\r\ndescription: Works with CRLF. Use when testing.\r\ncolour: red\r\n---\r\nBody\r\n", "crlf");

        Assert.NotNull(document.Manifest);
        var unknown = Single(document, SkillSpecRules.UnknownKey);
        Assert.Equal(4, unknown.Line);
        Assert.Equal(FindingSeverity.Warning, unknown.Severity);
        Assert.Equal("colour: red", unknown.Excerpt);
    }

    [Theory]
    [InlineData("PDF-Tools", "lowercase")]
    [InlineData("-pdf", "start or end")]
    [InlineData("pdf-", "start or end")]
    [InlineData("pdf--tools", "two hyphens")]
    [InlineData("pdf_tools", "not '_'")]
    [InlineData("\"pdf tools\"", "not ' '")]
    [InlineData("pdfé", "not 'é'")]
    [InlineData("\"p\u200Bdf\"", "\\u200B")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "65 characters")]
    public void Malformed_names_block_on_the_name_line(string name, string explanation)
    {
        var document = SkillDocument.Parse($"---\ndescription: A skill. Use when needed.\nname: {name}\n---\nBody\n", "whatever");

        var finding = Single(document, SkillSpecRules.NameFormat);
        Assert.Equal(3, finding.Line);
        Assert.Equal(FindingSeverity.Block, finding.Severity);
        Assert.Contains(explanation, finding.Message, StringComparison.Ordinal);
        Assert.Equal("SKILL.md", finding.File);
        Assert.False(document.IsValid);
    }

    [Fact]
    public void A_name_of_64_characters_is_accepted()
    {
        var name = new string('a', 64);
        Assert.True(SkillDocument.Parse($"---\nname: {name}\ndescription: Long name. Use when testing.\n---\n", name).IsValid);
        Assert.True(SkillSpecValidator.IsValidName("a1-b2"));
        Assert.False(SkillSpecValidator.IsValidName(""));
    }

    [Fact]
    public void A_name_that_differs_from_its_folder_blocks()
    {
        var document = SkillDocument.Parse("---\nname: deploy\ndescription: Deploys. Use when deploying.\n---\n", "deploy-prod");

        var finding = Single(document, SkillSpecRules.NameFolderMismatch);
        Assert.Equal(2, finding.Line);
        Assert.Contains("'deploy-prod'", finding.Message, StringComparison.Ordinal);
        Assert.False(document.IsValid);
        Assert.NotNull(document.Manifest);
    }

    [Fact]
    public void Missing_name_and_description_block_and_leave_no_manifest()
    {
        var document = SkillDocument.Parse("---\nlicense: MIT\n---\nBody\n", "nameless");

        Assert.Null(document.Manifest);
        Assert.Equal(1, Single(document, SkillSpecRules.NameMissing).Line);
        Assert.Contains("name: nameless", Single(document, SkillSpecRules.NameMissing).Message, StringComparison.Ordinal);
        Assert.Equal(1, Single(document, SkillSpecRules.DescriptionMissing).Line);
    }

    [Fact]
    public void Null_and_empty_values_count_as_missing()
    {
        var document = SkillDocument.Parse("---\nname: ~\ndescription: \"   \"\n---\n", "x");

        Assert.Equal(2, Single(document, SkillSpecRules.NameMissing).Line);
        Assert.Equal(3, Single(document, SkillSpecRules.DescriptionMissing).Line);
    }

    [Fact]
    public void A_name_that_is_a_list_blocks()
    {
        var document = SkillDocument.Parse("---\nname:\n  - a\ndescription: d. Use when x.\n---\n", "a");

        Assert.Contains("a list", Single(document, SkillSpecRules.NameFormat).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_limit_is_1024_characters_counted_as_characters()
    {
        var atLimit = new string('d', 1_020) + "🙂🙂🙂🙂";
        Assert.True(SkillDocument.Parse($"---\nname: x\ndescription: {atLimit}\n---\n", "x").IsValid);

        var over = SkillDocument.Parse($"---\nname: x\nlicense: MIT\ndescription: {new string('d', 1_025)}\n---\n", "x");
        var finding = Single(over, SkillSpecRules.DescriptionLength);
        Assert.Equal(4, finding.Line);
        Assert.Equal(FindingSeverity.Block, finding.Severity);
        Assert.Contains("1,025", finding.Message, StringComparison.Ordinal);
        Assert.True(finding.Excerpt.Length <= 120);
    }

    [Fact]
    public void Compatibility_over_500_characters_warns_on_its_line()
    {
        var document = SkillDocument.Parse($"---\nname: x\ndescription: d. Use when x.\ncompatibility: {new string('c', 501)}\n---\n", "x");

        var finding = Single(document, SkillSpecRules.Compatibility);
        Assert.Equal(4, finding.Line);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.True(document.IsValid);
    }

    [Fact]
    public void Unknown_top_level_keys_warn_with_their_lines()
    {
        var document = SkillDocument.Parse("---\nname: x\ndescription: d. Use when x.\nversion: 2\nmodel: big\n---\n", "x");

        var unknown = document.Findings.Where(f => f.Rule == SkillSpecRules.UnknownKey).ToArray();
        Assert.Equal([4, 5], unknown.Select(f => f.Line));
        Assert.All(unknown, f => Assert.Equal(FindingSeverity.Warning, f.Severity));
        Assert.Contains("metadata", unknown[0].Message, StringComparison.Ordinal);
        Assert.True(document.IsValid);
    }

    [Fact]
    public void A_duplicate_key_blocks_because_parsers_disagree_on_which_wins()
    {
        var document = SkillDocument.Parse("---\nname: x\ndescription: harmless. Use when x.\ndescription: evil\n---\n", "x");

        var finding = Single(document, SkillSpecRules.DuplicateKey);
        Assert.Equal(4, finding.Line);
        Assert.Equal(FindingSeverity.Block, finding.Severity);
        Assert.False(document.IsValid);
    }

    [Fact]
    public void Metadata_must_be_a_map_of_strings()
    {
        var notMap = SkillDocument.Parse("---\nname: x\ndescription: d. Use when x.\nmetadata: just text\n---\n", "x");
        Assert.Equal(4, Single(notMap, SkillSpecRules.Metadata).Line);
        Assert.Empty(notMap.Manifest!.Metadata);

        var nested = SkillDocument.Parse("---\nname: x\ndescription: d. Use when x.\nmetadata:\n  author: me\n  tags:\n    - a\n    - b\n---\n", "x");
        var finding = Single(nested, SkillSpecRules.Metadata);
        Assert.Equal(7, finding.Line);
        Assert.Contains("'tags'", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["author"], nested.Manifest!.Metadata.Keys);
    }

    [Fact]
    public void Allowed_tools_as_a_yaml_list_is_accepted_with_an_info_finding()
    {
        var document = SkillDocument.Parse("---\nname: x\ndescription: d. Use when x.\nallowed-tools:\n  - Bash(git:*)\n  - Read\n---\n", "x");

        var finding = Single(document, SkillSpecRules.AllowedToolsList);
        Assert.Equal(FindingSeverity.Info, finding.Severity);
        Assert.Equal(5, finding.Line);
        Assert.Equal(["Bash(git:*)", "Read"], document.Manifest!.AllowedTools);
        Assert.True(document.IsValid);
    }

    [Fact]
    public void Allowed_tools_as_a_map_warns_and_is_ignored()
    {
        var document = SkillDocument.Parse("---\nname: x\ndescription: d. Use when x.\nallowed-tools:\n  Bash: yes\n---\n", "x");

        Assert.Equal(FindingSeverity.Warning, Single(document, SkillSpecRules.AllowedTools).Severity);
        Assert.Empty(document.Manifest!.AllowedTools);
    }

    [Fact]
    public void A_license_that_is_not_a_string_warns()
    {
        var document = SkillDocument.Parse("---\nname: x\ndescription: d. Use when x.\nlicense:\n  - MIT\n---\n", "x");

        Assert.Equal(5, Single(document, SkillSpecRules.License).Line);
        Assert.Null(document.Manifest!.License);
    }

    [Fact]
    public void Splitting_allowed_tools_keeps_parentheses_together()
    {
        Assert.Equal(["Bash(git log --oneline:*)", "Read", "Grep"], SkillSpecValidator.SplitAllowedTools("Bash(git log --oneline:*)  Read,Grep"));
        Assert.Empty(SkillSpecValidator.SplitAllowedTools("   "));
    }
}
