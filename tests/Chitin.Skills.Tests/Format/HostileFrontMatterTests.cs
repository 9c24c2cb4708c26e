using System.Text;
using Chitin.Skills.Format;
using Chitin.Skills.Vetting;

namespace Chitin.Skills.Tests.Format;

public sealed class HostileFrontMatterTests
{
    private static SkillFinding Blocking(SkillDocument document)
    {
        Assert.Null(document.Manifest);
        Assert.False(document.IsValid);
        return Assert.Single(document.Findings, f => f.Severity == FindingSeverity.Block);
    }

    [Fact]
    public void A_file_without_front_matter_blocks_on_line_one()
    {
        var finding = Blocking(SkillDocument.Parse("# Just markdown\n\nname: x\n", "x"));

        Assert.Equal(SkillSpecRules.FrontMatter, finding.Rule);
        Assert.Equal(1, finding.Line);
        Assert.Equal("# Just markdown", finding.Excerpt);
    }

    [Fact]
    public void An_empty_file_blocks()
    {
        Assert.Equal(SkillSpecRules.FrontMatter, Blocking(SkillDocument.Parse("", "x")).Rule);
    }

    [Fact]
    public void Front_matter_that_is_never_closed_blocks()
    {
        var finding = Blocking(SkillDocument.Parse("---\nname: x\ndescription: y\n\n# Body without the closing line\n", "x"));

        Assert.Equal(1, finding.Line);
        Assert.Contains("never closed", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_front_matter_blocks()
    {
        var finding = Blocking(SkillDocument.Parse("---\n---\nBody\n", "x"));

        Assert.Contains("empty", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Front_matter_that_is_a_list_blocks()
    {
        Assert.Contains("a list", Blocking(SkillDocument.Parse("---\n- name\n- description\n---\n", "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tabs_used_for_indentation_block_with_the_line_of_the_tab()
    {
        var finding = Blocking(SkillDocument.Parse("---\nname: x\ndescription: d\nmetadata:\n\tauthor: me\n---\n", "x"));

        Assert.Equal(SkillSpecRules.FrontMatter, finding.Rule);
        Assert.Equal(5, finding.Line);
        Assert.Contains("not valid YAML", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unquoted_colon_in_a_value_gets_a_hint_to_quote_it()
    {
        var finding = Blocking(SkillDocument.Parse("---\nname: x\ndescription: Formats logs. Use when: the user has logs\n---\n", "x"));

        Assert.Equal(3, finding.Line);
        Assert.Contains("quotes", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_bomb_is_refused_without_expanding_it()
    {
        var yaml = new StringBuilder("---\nname: x\ndescription: d\n");
        yaml.Append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }

        yaml.Append("---\n");
        var finding = Blocking(SkillDocument.Parse(yaml.ToString(), "x"));

        Assert.Equal(SkillSpecRules.FrontMatter, finding.Rule);
        Assert.Equal(5, finding.Line);
        Assert.Contains("aliases", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_tags_are_refused()
    {
        var finding = Blocking(SkillDocument.Parse("---\nname: x\ndescription: !!python/object/apply:os.system [\"id\"]\n---\n", "x"));

        Assert.Equal(3, finding.Line);
        Assert.Contains("tag", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Core_schema_tags_are_allowed()
    {
        Assert.True(SkillDocument.Parse("---\nname: x\ndescription: !!str Fine. Use when x.\n---\n", "x").IsValid);
    }

    [Fact]
    public void Huge_front_matter_is_refused_unparsed()
    {
        var filler = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"k{i}: {new string('v', 20)}\n"));
        var finding = Blocking(SkillDocument.Parse($"---\nname: x\ndescription: d\n{filler}---\nBody\n", "x"));

        Assert.Equal(2, finding.Line);
        Assert.Contains("limit", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_overflowing_the_stack()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var finding = Blocking(SkillDocument.Parse($"---\nname: x\ndescription: d\nmetadata: {deep}\n---\n", "x"));

        Assert.Equal(SkillSpecRules.FrontMatter, finding.Rule);
        Assert.Contains("deeper", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_map_used_as_a_key_is_refused()
    {
        var finding = Blocking(SkillDocument.Parse("---\n? [a, b]\n: value\nname: x\ndescription: d\n---\n", "x"));

        Assert.Contains("keys must be plain strings", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_yaml_document_is_refused()
    {
        var finding = Blocking(SkillDocument.Parse("---\nname: x\ndescription: d\n...\nname: y\n---\n", "x"));

        Assert.Equal(SkillSpecRules.FrontMatter, finding.Rule);
    }

    [Fact]
    public void Input_that_crashes_the_yaml_scanner_becomes_a_finding()
    {
        var finding = Blocking(SkillDocument.Parse("---\nname: x\ndescription: d\n{*%\n\\b:~!%]\n---\n", "x"));

        Assert.Equal(SkillSpecRules.FrontMatter, finding.Rule);
        Assert.InRange(finding.Line, 2, 6);
        Assert.Contains("not valid YAML", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_yaml_punctuation_never_throws_and_always_explains_itself()
    {
        const string alphabet = "ab:- \n\t[]{}&*!|>'\"#%@`,?~\\\r\u200B\uFEFF";
        var random = new Random(20_241_123);
        for (var i = 0; i < 2_000; i++)
        {
            var yaml = new string(Enumerable.Range(0, random.Next(1, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var document = SkillDocument.Parse($"---\nname: x\ndescription: d. Use when x.\n{yaml}\n---\nBody\n", "x");

            Assert.All(document.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
            Assert.All(document.Findings, f => Assert.InRange(f.Line, 1, 200));
            Assert.Equal(document.Manifest is not null && document.Findings.All(f => f.Severity != FindingSeverity.Block), document.IsValid);
        }
    }
}
