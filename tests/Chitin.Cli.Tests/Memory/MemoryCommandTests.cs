using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;

namespace Chitin.Cli.Tests.Memory;

/// <summary><c>chitin memory ...</c> in-process against a real database file in a temp CHITIN_HOME.</summary>
public sealed class MemoryCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Search_json_prints_items_with_id_text_layer_scope_and_score_best_first()
    {
        Assert.Equal(0, (await _sandbox.RunAsync("memory", "add", "The deploy script lives in tools/deploy.sh")).ExitCode);
        Assert.Equal(0, (await _sandbox.RunAsync("memory", "add", "Maya prefers the Helix editor", "--scope", "project", "--layer", "semantic")).ExitCode);
        Assert.Equal(0, (await _sandbox.RunAsync("memory", "add", "Backups run every night at 02:00", "--layer", "procedural")).ExitCode);

        var result = await _sandbox.RunAsync("memory", "search", "Helix editor", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(items);
        var first = items[0];
        Assert.StartsWith("mem_", first.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("Maya prefers the Helix editor", first.GetProperty("text").GetString());
        Assert.Equal("semantic", first.GetProperty("layer").GetString());
        Assert.Equal("project", first.GetProperty("scope").GetString());
        var scores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public async Task A_newer_fact_about_the_same_subject_supersedes_the_older_and_show_history_tells_how_it_evolved()
    {
        var first = await _sandbox.RunAsync("memory", "add", "The user's preferred editor is Vim", "--json");
        var second = await _sandbox.RunAsync("memory", "add", "The user's preferred editor is Helix", "--json");

        Assert.True(second.ExitCode == 0, second.ToString());
        var oldId = JsonDocument.Parse(first.Stdout).RootElement.GetProperty("item").GetProperty("id").GetString()!;
        using var saved = JsonDocument.Parse(second.Stdout);
        Assert.Equal("superseded", saved.RootElement.GetProperty("action").GetString());
        Assert.Contains(oldId, saved.RootElement.GetProperty("superseded_ids").EnumerateArray().Select(e => e.GetString()));

        var search = JsonDocument.Parse((await _sandbox.RunAsync("memory", "search", "preferred editor", "--json")).Stdout).RootElement;
        Assert.DoesNotContain(search.EnumerateArray(), i => i.GetProperty("id").GetString() == oldId);

        var show = await _sandbox.RunAsync("memory", "show", oldId, "--history", "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        using var shown = JsonDocument.Parse(show.Stdout);
        Assert.False(shown.RootElement.GetProperty("item").GetProperty("current").GetBoolean());
        var changes = shown.RootElement.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("change").GetString()).ToList();
        Assert.Equal(["created", "superseded"], changes);
    }

    [Fact]
    public async Task One_agent_profile_never_sees_another_profiles_private_memory()
    {
        Assert.Equal(0, (await _sandbox.RunAsync("memory", "add", "Alice's API budget is 40 dollars a month", "--scope", "agent", "--agent", "alice")).ExitCode);
        Assert.Equal(0, (await _sandbox.RunAsync("memory", "add", "The team budget review is on Fridays", "--scope", "user")).ExitCode);

        var bob = JsonDocument.Parse((await _sandbox.RunAsync("memory", "search", "budget", "--agent", "bob", "--json")).Stdout).RootElement;
        var alice = JsonDocument.Parse((await _sandbox.RunAsync("memory", "search", "budget", "--agent", "alice", "--json")).Stdout).RootElement;

        Assert.DoesNotContain(bob.EnumerateArray(), i => i.GetProperty("text").GetString()!.Contains("Alice", StringComparison.Ordinal));
        Assert.Contains(bob.EnumerateArray(), i => i.GetProperty("scope").GetString() == "user");
        Assert.Contains(alice.EnumerateArray(), i => i.GetProperty("scope").GetString() == "agent");
    }

    [Fact]
    public async Task Forget_needs_a_reason_keeps_the_item_in_history_and_delete_erases_it()
    {
        var id = JsonDocument.Parse((await _sandbox.RunAsync("memory", "add", "The staging host is stage-3", "--json")).Stdout).RootElement.GetProperty("item").GetProperty("id").GetString()!;

        var noReason = await _sandbox.RunAsync("memory", "forget", id);
        Assert.Equal(2, noReason.ExitCode);
        Assert.Contains("--reason", noReason.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, (await _sandbox.RunAsync("memory", "forget", id, "--reason", "host was retired")).ExitCode);
        var shown = JsonDocument.Parse((await _sandbox.RunAsync("memory", "show", id, "--json")).Stdout).RootElement.GetProperty("item");
        Assert.False(shown.GetProperty("current").GetBoolean());
        Assert.Equal("host was retired", shown.GetProperty("end_reason").GetString());

        Assert.Equal(0, (await _sandbox.RunAsync("memory", "forget", id, "--delete")).ExitCode);
        var gone = await _sandbox.RunAsync("memory", "show", id);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("no memory item", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_get_actionable_usage_errors()
    {
        var scope = await _sandbox.RunAsync("memory", "add", "x y z", "--scope", "galaxy");
        var mode = await _sandbox.RunAsync("memory", "search", "x", "--mode", "psychic");
        var format = await _sandbox.RunAsync("memory", "export", "--format", "word");
        var searchLimit = await _sandbox.RunAsync("memory", "search", "x", "--limit", "1001");
        var listLimit = await _sandbox.RunAsync("memory", "list", "--limit", "0");

        Assert.Equal(2, scope.ExitCode);
        Assert.Contains("--scope must be user, project, agent or session", scope.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, mode.ExitCode);
        Assert.Contains("--mode must be hybrid, lexical or vector", mode.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, format.ExitCode);
        Assert.Contains("--format must be openclaw, claude, agents or nanobot", format.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, searchLimit.ExitCode);
        Assert.Contains("--limit must be from 1 to 1000, got 1001", searchLimit.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, listLimit.ExitCode);
        Assert.Contains("--limit must be from 1 to 100000, got 0", listLimit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_with_a_claude_md_imports_bullets_writes_only_its_section_and_reimport_never_duplicates()
    {
        var claude = Path.Combine(_sandbox.Workspace, "CLAUDE.md");
        const string Original = "# Project notes\r\n\r\n- Run tests with `scripts/test`\r\n- Never push to main directly\r\n\r\nSome closing words without newline";
        await File.WriteAllTextAsync(claude, Original);

        var first = await _sandbox.RunAsync("memory", "sync", ".", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var afterFirst = await File.ReadAllTextAsync(claude);
        Assert.StartsWith(Original, afterFirst, StringComparison.Ordinal);

        var second = await _sandbox.RunAsync("memory", "sync", ".", "--json");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(afterFirst, await File.ReadAllTextAsync(claude));
        var list = JsonDocument.Parse((await _sandbox.RunAsync("memory", "list", "--json")).Stdout).RootElement;
        Assert.Single(list.EnumerateArray(), i => i.GetProperty("text").GetString()!.Contains("scripts/test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_scope_user_writes_the_user_level_files_of_claude_code_and_codex_and_keeps_project_files_project_only()
    {
        Assert.Equal(0, (await _sandbox.RunAsync("memory", "add", "I prefer tabs over spaces", "--scope", "user", "--layer", "semantic")).ExitCode);
        Assert.Equal(0, (await _sandbox.RunAsync("memory", "add", "This service builds with make release", "--scope", "project", "--layer", "procedural")).ExitCode);

        var claudeUser = await _sandbox.RunAsync("memory", "export", "--format", "claude", "--scope", "user");
        var codexUser = await _sandbox.RunAsync("memory", "export", "--format", "agents", "--scope", "user");
        var claudeProject = await _sandbox.RunAsync("memory", "export", "--format", "claude");

        Assert.True(claudeUser.ExitCode == 0, claudeUser.ToString());
        Assert.True(codexUser.ExitCode == 0, codexUser.ToString());
        Assert.True(claudeProject.ExitCode == 0, claudeProject.ToString());
        var userClaude = await File.ReadAllTextAsync(Path.Combine(_sandbox.Root, ".claude", "CLAUDE.md"));
        var userCodex = await File.ReadAllTextAsync(Path.Combine(_sandbox.Root, ".codex", "AGENTS.md"));
        var projectClaude = await File.ReadAllTextAsync(Path.Combine(_sandbox.Workspace, "CLAUDE.md"));
        Assert.Contains("I prefer tabs over spaces", userClaude, StringComparison.Ordinal);
        Assert.DoesNotContain("make release", userClaude, StringComparison.Ordinal);
        Assert.Contains("I prefer tabs over spaces", userCodex, StringComparison.Ordinal);
        Assert.Contains("make release", projectClaude, StringComparison.Ordinal);
        Assert.DoesNotContain("tabs over spaces", projectClaude, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_sandbox.Workspace, "AGENTS.md")));
    }

    [Fact]
    public async Task Personal_memories_are_not_exported_into_a_git_repository_unless_the_target_is_named()
    {
        Directory.CreateDirectory(Path.Combine(_sandbox.Workspace, ".git"));
        Assert.Equal(0, (await _sandbox.RunAsync("memory", "add", "My home address is 12 Elm Street", "--scope", "user", "--layer", "semantic")).ExitCode);

        var refused = await _sandbox.RunAsync("memory", "export", "--format", "openclaw");
        var scoped = await _sandbox.RunAsync("memory", "export", "--format", "claude", "--scope", "user", "--out", "CLAUDE.md");
        var help = await _sandbox.RunAsync("memory", "export", "--help");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("inside the git repository", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--out", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_sandbox.Workspace, "MEMORY.md")));
        Assert.True(scoped.ExitCode == 0, scoped.ToString());
        Assert.Contains("12 Elm Street", await File.ReadAllTextAsync(Path.Combine(_sandbox.Workspace, "CLAUDE.md")), StringComparison.Ordinal);
        Assert.Contains("~/.claude/CLAUDE.md", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("~/.codex/AGENTS.md", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_front_matter_is_reported_with_file_and_line_and_nothing_is_imported()
    {
        var file = Path.Combine(_sandbox.Workspace, "MEMORY.md");
        await File.WriteAllTextAsync(file, "---\ntitle: [unclosed\n---\n\n- A fact that must not be imported\n");

        var result = await _sandbox.RunAsync("memory", "import", "MEMORY.md");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MEMORY.md", result.Stderr, StringComparison.Ordinal);
        var list = JsonDocument.Parse((await _sandbox.RunAsync("memory", "list", "--json")).Stdout).RootElement;
        Assert.Empty(list.EnumerateArray());
    }

    [Fact]
    public async Task A_process_killed_during_import_loses_no_item_it_reported_as_stored()
    {
        var folder = Path.Combine(_sandbox.Workspace, "big");
        Directory.CreateDirectory(folder);
        var lines = Enumerable.Range(1, 20_000).Select(i => $"- Fact number {i}: service s{i} listens on port {10_000 + i} in region r{i % 17}");
        await File.WriteAllTextAsync(Path.Combine(folder, "MEMORY.md"), "# Facts\n\n" + string.Join('\n', lines) + "\n");

        List<string> reported;
        using (var import = _sandbox.Start("memory", "import", folder, "--progress"))
        {
            await import.WaitForStdoutLineAsync(l => l.Contains(" mem_", StringComparison.Ordinal) && CountReported(import.Stdout) >= 200, TimeSpan.FromSeconds(90));
            import.Kill();
            var exit = await import.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, exit);
            reported = Reported(import.Stdout);
        }

        Assert.True(reported.Count >= 200, $"only {reported.Count} items were reported");
        Assert.True(reported.Count < 20_000, "the import finished before it was killed; the test did not kill anything");
        await using var store = await SqliteMemoryStore.OpenAsync(_sandbox.DatabaseFile, new MemoryStoreOptions(), CancellationToken.None);
        foreach (var id in reported)
        {
            Assert.NotNull(await store.GetAsync(id, CancellationToken.None));
        }
    }

    private static int CountReported(string stdout) => Reported(stdout).Count;

    private static List<string> Reported(string stdout) =>
        stdout.Split('\n')
            .Select(l => l.Split(' '))
            .Where(p => p.Length >= 2 && p[1].StartsWith("mem_", StringComparison.Ordinal) && p[1].Length == 20)
            .Select(p => p[1])
            .ToList();
}
