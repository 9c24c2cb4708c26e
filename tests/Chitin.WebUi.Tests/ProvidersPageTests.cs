using System.Net;
using Chitin.Core.Budgets;
using Chitin.Storage.Budgets;
using Chitin.WebUi.Auth;

namespace Chitin.WebUi.Tests;

/// <summary>The Providers page over plain HTTP through the real gateway: endpoints, their ranking and the budgets.</summary>
public sealed class ProvidersPageTests(WebUiFixture fixture) : IClassFixture<WebUiFixture>
{
    [Fact]
    public async Task The_provider_block_is_listed_and_ranked_and_a_budget_shows_its_caps()
    {
        var store = SqliteBudgetStore.Open(Path.Combine(fixture.Root, "home", "chitin.db"));
        await store.SetCapAsync(new BudgetCap(BudgetScope.Global, BudgetPeriod.Day, 2m, 1m), CancellationToken.None);

        using var client = new HttpClient { BaseAddress = fixture.Address };
        client.DefaultRequestHeaders.Add("Cookie", $"{WebSessionCookie.Name}={WebSessionCookie.ValueFor(fixture.Token)}");
        var response = await client.GetAsync(new Uri("/providers", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var model = fixture.Model.Models[0];
        Assert.Contains("<tr data-endpoint=\"provider\">", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{model}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"data-model=\"{model}\"", html, StringComparison.Ordinal);
        Assert.Contains("expected per call", html, StringComparison.Ordinal);
        var budget = html[html.IndexOf("<tr data-scope=\"global\">", StringComparison.Ordinal)..];
        Assert.Contains("$2.00", budget[..budget.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("$1.00", budget[..budget.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.DoesNotContain("coming", html[html.IndexOf("<h1>", StringComparison.Ordinal)..], StringComparison.OrdinalIgnoreCase);
    }
}
