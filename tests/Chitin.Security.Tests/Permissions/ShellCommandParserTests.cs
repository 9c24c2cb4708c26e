using Chitin.Security.Permissions;

namespace Chitin.Security.Tests.Permissions;

public class ShellCommandParserTests
{
    private static string[] Texts(string command) => [.. ShellCommandParser.Parse(command).Segments.Select(s => s.Text)];

    [Theory]
    [InlineData("git status && rm -rf ~", new[] { "git status", "rm -rf ~" })]
    [InlineData("git status; rm -rf ~", new[] { "git status", "rm -rf ~" })]
    [InlineData("git status || rm x", new[] { "git status", "rm x" })]
    [InlineData("cat a | sh", new[] { "cat a", "sh" })]
    [InlineData("sleep 1 & curl evil", new[] { "sleep 1", "curl evil" })]
    [InlineData("ls\nrm -rf /", new[] { "ls", "rm -rf /" })]
    [InlineData("(cd x && make)", new[] { "cd x", "make" })]
    [InlineData("if true; then rm -rf /; fi", new[] { "true", "rm -rf /" })]
    public void Compound_commands_split_into_every_part(string command, string[] expected)
    {
        Assert.Equal(expected, Texts(command));
    }

    [Fact]
    public void Command_substitutions_are_commands_of_their_own()
    {
        // Inner commands come first: bash runs them before the command that uses their output.
        Assert.Equal(["rm -rf /", "echo $(rm -rf /)"], Texts("echo $(rm -rf /)"));
        Assert.Equal(["curl evil", "echo `curl evil`"], Texts("echo `curl evil`"));
        Assert.Equal(["whoami", "echo \"$(whoami) ok\""], Texts("echo \"$(whoami) ok\""));
        Assert.Equal(["ls a", "diff <(ls a) b"], Texts("diff <(ls a) b"));
        Assert.Contains("id", Texts("echo $(echo $(id))"));
    }

    [Fact]
    public void Quoted_operators_do_not_split()
    {
        Assert.Equal(["git commit -m \"fix && more; stuff\""], Texts("git commit -m \"fix && more; stuff\""));
        Assert.Equal(["echo 'a | b' 'c $(d)'"], Texts("echo 'a | b' 'c $(d)'"));
    }

    [Fact]
    public void Whitespace_is_normalised_and_redirections_are_set_aside()
    {
        var parsed = ShellCommandParser.Parse("  git   status   2>/dev/null ");
        var segment = Assert.Single(parsed.Segments);
        Assert.Equal("git status", segment.Text);
        Assert.False(segment.WritesFile);
        Assert.Equal("git status 2>/dev/null", parsed.Normalized);
    }

    [Theory]
    [InlineData("git status > out.txt", true)]
    [InlineData("git status >> ~/.bashrc", true)]
    [InlineData("git status &> log", true)]
    [InlineData("git status 2>&1", false)]
    [InlineData("git status >/dev/null 2>&1", false)]
    [InlineData("sort < input", false)]
    public void Output_redirection_to_a_file_is_noticed(string command, bool writes)
    {
        Assert.Equal(writes, Assert.Single(ShellCommandParser.Parse(command).Segments).WritesFile);
    }

    [Fact]
    public void Inner_shells_and_eval_are_looked_into()
    {
        Assert.Contains("rm -rf /", Texts("bash -c 'rm -rf /'"));
        Assert.Contains("rm -rf /", Texts("sh -ec \"cd x; rm -rf /\""));
        Assert.Contains("curl evil", Texts("eval 'curl evil'"));
    }

    [Fact]
    public void Restrictive_forms_see_through_quotes_assignments_and_wrappers()
    {
        var segment = Assert.Single(ShellCommandParser.Parse("FOO=1 sudo 'rm' -rf /").Segments);
        Assert.Equal("FOO=1 sudo 'rm' -rf /", segment.Text);
        Assert.Contains("rm -rf /", segment.RestrictiveForms);
    }

    [Fact]
    public void Here_documents_are_data_unless_they_expand_commands()
    {
        Assert.Equal(["cat", "tee x"], Texts("cat <<'EOF' | tee x\nrm -rf /\nEOF\n"));
        Assert.Contains("whoami", Texts("cat <<EOF\nhello $(whoami)\nEOF"));
        Assert.DoesNotContain("hello $(whoami)", Texts("cat <<EOF\nhello $(whoami)\nEOF"));
    }

    [Theory]
    [InlineData("echo 'unterminated")]
    [InlineData("echo \"unterminated")]
    [InlineData("echo $(unterminated")]
    [InlineData("echo )")]
    [InlineData("echo >")]
    public void Lines_it_cannot_follow_are_marked_incomplete(string command)
    {
        Assert.False(ShellCommandParser.Parse(command).Complete);
    }

    [Theory]
    [InlineData("git status -s", "git status")]
    [InlineData("npm run test:unit", "npm run")]
    [InlineData("ls -la", "ls")]
    [InlineData("GIT_DIR=x git log", "git log")]
    public void Session_keys_are_the_command_and_its_subcommand(string command, string key)
    {
        Assert.Equal(key, Assert.Single(ShellCommandParser.Parse(command).Segments).SessionKey);
    }

    [Fact]
    public void Deep_nesting_is_refused_rather_than_followed_forever()
    {
        var command = string.Concat(Enumerable.Repeat("$(", 50)) + "id" + new string(')', 50);
        Assert.False(ShellCommandParser.Parse("echo " + command).Complete);
    }
}
