using Chitin.Hosting;
using Chitin.Memory.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Chitin.WebUi.Tests;

public sealed class MemoryPageTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    private IMemoryStore Store => fixture.Gateway.App.Services.GetRequiredService<ChitinHost>().Memory!.Store;

    [Fact]
    public async Task A_stored_memory_is_found_by_search_and_forgotten_from_the_page()
    {
        var kept = await SaveAsync("The user waters the office ferns every Tuesday");
        var target = await SaveAsync("The user keeps three beehives on the garage roof");

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/memory");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search memory" }).FillAsync("beehives garage roof");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/memory\?q=beehives"));
        var item = page.Locator($"li.item[data-id='{target}']");
        await Expect(item).ToContainTextAsync("three beehives on the garage roof");

        await item.GetByRole(AriaRole.Button, new() { Name = $"Forget {target}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Forgot {target}.");
        await Expect(page.Locator($"li.item[data-id='{target}']")).ToHaveCountAsync(0);

        // Gone from the store: no longer current, and a search no longer finds it; the other item is untouched.
        var forgotten = await Store.GetAsync(target, CancellationToken.None);
        Assert.NotNull(forgotten);
        Assert.False(forgotten.IsCurrent(DateTimeOffset.UtcNow));
        Assert.Equal("forgotten in the web UI", forgotten.EndReason);
        Assert.True((await Store.GetAsync(kept, CancellationToken.None))!.IsCurrent(DateTimeOffset.UtcNow));
        var viewer = MemoryViewer.For("default", fixture.Context.WorkingDirectory);
        var hits = await Store.SearchAsync(new MemorySearchQuery { Text = "beehives garage roof", Viewer = viewer, Limit = 10 }, CancellationToken.None);
        Assert.DoesNotContain(hits, h => h.Item.Id == target);
    }

    [Fact]
    public async Task Pinning_and_history_work_from_the_page()
    {
        var id = await SaveAsync("The user prefers metric units in reports");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/memory");
        var item = page.Locator($"li.item[data-id='{id}']");
        await item.GetByRole(AriaRole.Button, new() { Name = "Pin" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Pinned {id}.");
        Assert.True((await Store.GetAsync(id, CancellationToken.None))!.Pinned);

        await page.Locator($"li.item[data-id='{id}']").GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"History of {id}" })).ToBeVisibleAsync();
        await Expect(page.Locator("ol.history li").First).ToContainTextAsync("metric units");
    }

    [Fact]
    public async Task Memory_text_with_markup_shows_as_text_and_never_runs()
    {
        const string payload = "The user's motto is <img src=x onerror=window.__pwned=1><script>window.__pwned=1</script> end";
        var id = await SaveAsync(payload);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/memory");
        var text = page.Locator($"li.item[data-id='{id}'] .text");
        await Expect(text).ToHaveTextAsync(payload);

        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(0, await page.Locator("#memory-items img, #memory-items script").CountAsync());
    }

    private async Task<string> SaveAsync(string text)
    {
        var result = await Store.SaveAsync(
            new MemoryDraft { Text = text, Source = new MemorySource(MemorySourceKind.Cli) },
            MemoryViewer.For("default", fixture.Context.WorkingDirectory),
            CancellationToken.None);
        return result.Item.Id;
    }
}
