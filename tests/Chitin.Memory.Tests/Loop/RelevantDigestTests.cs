using Chitin.Memory.Model;
using Chitin.Memory.Tests.Storage;

namespace Chitin.Memory.Tests.Loop;

/// <summary>The digest at session start follows the first message, and stays the same bytes for the whole session.</summary>
public sealed class RelevantDigestTests
{
    [Fact]
    public async Task The_digest_is_relevant_to_the_first_message_and_byte_identical_across_the_sessions_turns()
    {
        await using var loop = await MemoryLoop.StartAsync();
        var writer = new MemoryViewer("default", loop.Workspace);
        await loop.Memory.SaveAsync(MemoryStoreFolder.Draft("The staging database password rotates on the first Monday of each month."), writer, CancellationToken.None);

        // Newer facts, enough to fill the digest by recency alone.
        var newer = Enumerable.Range(0, 300).Select(i => MemoryStoreFolder.Draft($"Build agent {i} runs in rack {i % 13} with {i % 7 + 2} cores")).ToList();
        await loop.Memory.SaveManyAsync(newer, writer, CancellationToken.None);

        var unrelated = await loop.RunAsync("hello there");
        var unrelatedPrompt = loop.AgentRequests[^1].Parsed!.SystemPrompt!;
        Assert.DoesNotContain("staging database password", unrelatedPrompt, StringComparison.Ordinal);

        var first = await loop.RunAsync("When does the staging database password rotate?");
        var sessionStart = loop.AgentRequests.Count - 1;
        await loop.Memory.SaveAsync(MemoryStoreFolder.Draft("The staging database moved to a new host in December."), writer, CancellationToken.None);
        await loop.RunAsync("And the database host?", sessionId: first.SessionId);
        await loop.RunAsync("Thanks, anything else about the database?", sessionId: first.SessionId);

        var prompts = loop.AgentRequests.Skip(sessionStart).Select(r => r.Parsed!.SystemPrompt!).ToList();
        Assert.NotEqual(unrelated.SessionId, first.SessionId);
        Assert.Equal(3, prompts.Count);
        Assert.Contains("- The staging database password rotates on the first Monday of each month.", prompts[0], StringComparison.Ordinal);
        Assert.All(prompts, p => Assert.Equal(prompts[0], p));
        Assert.DoesNotContain("moved to a new host", prompts[2], StringComparison.Ordinal);
    }
}
