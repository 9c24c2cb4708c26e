using Chitin.Memory.Knowledge;

namespace Chitin.Memory.Tests.Knowledge;

public sealed class SubjectExtractorTests
{
    [Theory]
    [InlineData("The user's preferred editor is Helix", "user.editor")]
    [InlineData("User prefers Vim as editor", "user.editor")]
    [InlineData("The user prefers Emacs as their editor.", "user.editor")]
    [InlineData("My favourite editor is Zed", "user.editor")]
    [InlineData("My editor of choice is Kakoune", "user.editor")]
    [InlineData("I use Neovim as my editor", "user.editor")]
    [InlineData("User editor: Sublime", "user.editor")]
    [InlineData("- The user’s preferred editor is VS Code", "user.editor")]
    [InlineData("**Editor**: Helix", "editor")]
    [InlineData("The user's name is Ana", "user.name")]
    [InlineData("The name of the user is Ana Silva", "user.name")]
    [InlineData("The user's timezone is Europe/Berlin", "user.timezone")]
    [InlineData("The user lives in Lisbon", "user.home")]
    [InlineData("I live in Porto now", "user.home")]
    [InlineData("Alice works at Acme", "alice.employer")]
    [InlineData("The project's test command is `dotnet test`", "project.test-command")]
    [InlineData("Our test command is make test", "project.test-command")]
    [InlineData("We use pnpm as package manager", "project.package-manager")]
    [InlineData("The project uses xUnit for tests", "project.test")]
    [InlineData("The project language is C#", "project.language")]
    [InlineData("The deploy target is AWS", "deploy-target")]
    [InlineData("Test commands: make test", "test-command")]
    [InlineData("Alice's role is designer", "alice.role")]
    [InlineData("My wife's name is Maria", "user.wife.name")]
    [InlineData("1. The user's shell is fish", "user.shell")]
    [InlineData("The users' default branch is main", "user.branch")]
    public void Recognised_shapes_give_a_stable_subject(string text, string expected) =>
        Assert.Equal(expected, SubjectExtractor.Extract(text));

    [Theory]
    [InlineData("The user likes tea")]
    [InlineData("User prefers dark mode")]
    [InlineData("User prefers tabs over spaces")]
    [InlineData("The user is a vegetarian")]
    [InlineData("Alice is a designer")]
    [InlineData("The API is slow")]
    [InlineData("Python is great")]
    [InlineData("What is the user's editor?")]
    [InlineData("If the build fails, the log is in /tmp")]
    [InlineData("When tests fail the log is in /tmp")]
    [InlineData("Note: the user hates meetings")]
    [InlineData("TODO: fix the flaky test")]
    [InlineData("The thing that is broken is the cache")]
    [InlineData("The project uses PostgreSQL for storage and Redis for caching")]
    [InlineData("It is raining")]
    [InlineData("There are three environments")]
    [InlineData("Deployed the new version yesterday")]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("Editor:")]
    [InlineData("The editor is")]
    public void Other_sentences_have_no_subject(string text) =>
        Assert.Null(SubjectExtractor.Extract(text));

    [Theory]
    [InlineData("The user's favourite colour is blue", "The user's favourite food is sushi")]
    [InlineData("Alice's role is designer", "Bob's role is PM")]
    [InlineData("The test command is dotnet test", "The test command for the CLI is dotnet test tests/Chitin.Cli.Tests")]
    [InlineData("The user's editor is Helix", "The project's editor config is .editorconfig")]
    [InlineData("The user's name is Ana", "The project's name is Chitin")]
    [InlineData("The user lives in Lisbon", "Alice lives in Lisbon")]
    public void Different_subjects_do_not_collide(string first, string second)
    {
        var a = SubjectExtractor.Extract(first);
        var b = SubjectExtractor.Extract(second);

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("User.Editor", "user.editor")]
    [InlineData("  project test command ", "project-test-command")]
    [InlineData("Build/Tool!!", "build-tool")]
    [InlineData("   ", null)]
    [InlineData("--", null)]
    [InlineData(null, null)]
    public void Explicit_subjects_are_normalised(string? subject, string? expected) =>
        Assert.Equal(expected, SubjectExtractor.NormalizeExplicit(subject));
}
