using System.Net;
using Chitin.Tools.Tests.Support;
using Chitin.Tools.Web;
using Microsoft.AspNetCore.Http;

namespace Chitin.Tools.Tests.Web;

/// <summary>
/// web_fetch against real listeners on loopback: internal addresses in any spelling are refused before a request
/// is sent, on the first hop and on every redirect; the allow policy opens exactly what it names.
/// </summary>
public sealed class SsrfGuardTests : IAsyncLifetime
{
    private readonly TempWorkspace _workspace = new();
    private LocalWebServer _allowed = null!;
    private LocalWebServer _internal = null!;

    public async Task InitializeAsync()
    {
        _internal = await LocalWebServer.StartAsync(context => context.Response.WriteAsync("internal secret"));
        _allowed = await LocalWebServer.StartAsync(context =>
        {
            var to = context.Request.Query["to"].ToString();
            if (to.Length > 0)
            {
                context.Response.Redirect(to);
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync("public page");
        });
    }

    public async Task DisposeAsync()
    {
        await _allowed.DisposeAsync();
        await _internal.DisposeAsync();
        _workspace.Dispose();
    }

    private int InternalPort => new Uri(_internal.BaseUrl).Port;

    private WebFetchTool Tool(EgressPolicy? policy = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolver = null) =>
        new(new BuiltInToolOptions { WebFetchTimeout = TimeSpan.FromSeconds(20), WebEgress = policy ?? EgressPolicy.Default }, resolver);

    private EgressPolicy AllowOnlyTheAllowedServer() => new(allowHosts: [new Uri(_allowed.BaseUrl).Authority]);

    private Task<Core.Tools.ToolResult> FetchAsync(WebFetchTool tool, string url) => _workspace.InvokeAsync(tool, $$"""{"url":"{{url}}"}""");

    [Theory]
    [InlineData("http://127.0.0.1:{port}/", "127.0.0.1 is a loopback address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is the cloud metadata address")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/", "is an IPv4-mapped IPv6 address for 127.0.0.1, a loopback address")]
    [InlineData("http://2130706433:{port}/", "127.0.0.1 is a loopback address")]
    [InlineData("http://0177.0.0.1:{port}/", "127.0.0.1 is a loopback address")]
    [InlineData("http://0x7f.1:{port}/", "127.0.0.1 is a loopback address")]
    [InlineData("http://[::1]:{port}/", "is a loopback address")]
    [InlineData("http://0.0.0.0:{port}/", "unspecified")]
    [InlineData("http://localhost:{port}/", "localhost resolves to")]
    public async Task Internal_addresses_are_refused_without_a_request(string template, string reason)
    {
        using var tool = Tool();

        var result = await FetchAsync(tool, template.Replace("{port}", InternalPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.True(result.IsError);
        Assert.StartsWith("Not fetched: ", result.Text, StringComparison.Ordinal);
        Assert.Contains(reason, result.Text, StringComparison.Ordinal);
        Assert.Contains("(SSRF guard)", result.Text, StringComparison.Ordinal);
        Assert.Contains("web.allowHosts", result.Text, StringComparison.Ordinal);
        Assert.Empty(_internal.RequestedPaths);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/")]
    [InlineData("http://2130706433:{port}/")]
    [InlineData("http://localhost:{port}/")]
    public async Task A_redirect_from_an_allowed_server_to_an_internal_address_is_refused(string template)
    {
        using var tool = Tool(AllowOnlyTheAllowedServer());
        var target = template.Replace("{port}", InternalPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var direct = await FetchAsync(tool, _allowed.BaseUrl + "/");
        var redirected = await FetchAsync(tool, _allowed.BaseUrl + "/go?to=" + Uri.EscapeDataString(target));

        Assert.False(direct.IsError, direct.Text);
        Assert.Contains("public page", direct.Text, StringComparison.Ordinal);
        Assert.True(redirected.IsError);
        Assert.StartsWith($"Not followed: {_allowed.BaseUrl}/go?to=", redirected.Text, StringComparison.Ordinal);
        Assert.Contains("(SSRF guard)", redirected.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("internal secret", redirected.Text, StringComparison.Ordinal);
        Assert.Empty(_internal.RequestedPaths);
        Assert.Equal(2, _allowed.RequestedPaths.Count);
    }

    [Fact]
    public async Task A_name_resolving_to_a_private_address_is_refused_and_one_internal_answer_is_enough()
    {
        var port = InternalPort;
        using var tool = Tool(resolver: (host, _) => Task.FromResult<IPAddress[]>(host switch
        {
            "metadata.test" => [IPAddress.Parse("169.254.169.254")],
            _ => [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.0.0.7")],
        }));

        var metadata = await FetchAsync(tool, $"http://metadata.test:{port}/");
        var mixed = await FetchAsync(tool, $"http://mixed.test:{port}/");

        Assert.Contains("metadata.test resolves to 169.254.169.254, the cloud metadata address", metadata.Text, StringComparison.Ordinal);
        Assert.Contains("mixed.test resolves to 10.0.0.7, a private (RFC 1918) address", mixed.Text, StringComparison.Ordinal);
        Assert.Contains($"add \"mixed.test:{port}\" to web.allowHosts or \"10.0.0.7/32\" to web.allowRanges", mixed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_name_connects_to_the_address_resolved_once_and_checked()
    {
        var port = InternalPort;
        var lookups = 0;
        using var tool = Tool(
            new EgressPolicy(allowHosts: [$"intranet.test:{port}"]),
            (_, _) =>
            {
                // A rebinding resolver: only the first answer points at the listener.
                var first = Interlocked.Increment(ref lookups) == 1;
                return Task.FromResult<IPAddress[]>([first ? IPAddress.Loopback : IPAddress.Parse("10.0.0.9")]);
            });

        var result = await FetchAsync(tool, $"http://intranet.test:{port}/");

        Assert.False(result.IsError, result.Text);
        Assert.Contains("internal secret", result.Text, StringComparison.Ordinal);
        Assert.Equal(1, lookups);
        Assert.Single(_internal.RequestedPaths);
    }

    [Fact]
    public async Task Allowed_ranges_and_host_ports_open_exactly_what_they_name()
    {
        var port = InternalPort;
        using var byRange = Tool(new EgressPolicy(allowRanges: ["127.0.0.0/8"]));
        using var otherPort = Tool(new EgressPolicy(allowHosts: [$"127.0.0.1:{port + 1}"]));

        var inRange = await FetchAsync(byRange, $"http://127.0.0.1:{port}/");
        var wrongPort = await FetchAsync(otherPort, $"http://127.0.0.1:{port}/");

        Assert.False(inRange.IsError, inRange.Text);
        Assert.Contains("internal secret", inRange.Text, StringComparison.Ordinal);
        Assert.True(wrongPort.IsError);
        Assert.Contains("(SSRF guard)", wrongPort.Text, StringComparison.Ordinal);
        Assert.Single(_internal.RequestedPaths);
    }

    [Theory]
    [InlineData("8.8.8.8", null)]
    [InlineData("2606:4700:4700::1111", null)]
    [InlineData("64:ff9b::808:808", null)]
    [InlineData("10.1.2.3", "a private (RFC 1918) address")]
    [InlineData("172.31.255.255", "a private (RFC 1918) address")]
    [InlineData("192.168.1.1", "a private (RFC 1918) address")]
    [InlineData("100.100.100.200", "a carrier-grade NAT (100.64/10) address")]
    [InlineData("169.254.1.1", "a link-local address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("255.255.255.255", "the broadcast address")]
    [InlineData("0.0.0.0", "an unspecified (\"this network\") address")]
    [InlineData("fd00:ec2::254", "a unique-local (private) address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("::", "the unspecified address")]
    [InlineData("::127.0.0.1", "an IPv4-compatible IPv6 address")]
    [InlineData("64:ff9b::a9fe:a9fe", "a NAT64 address for 169.254.169.254, the cloud metadata address")]
    [InlineData("2002:7f00:1::", "a 6to4 address for 127.0.0.1, a loopback address")]
    public void Addresses_are_classified(string address, string? reason) =>
        Assert.Equal(reason, BlockedAddresses.Reason(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://intranet/x", true)]
    [InlineData("127.0.0.1/8", true)]
    [InlineData("host:99999", true)]
    [InlineData("*.corp.example", false)]
    [InlineData("[::1]:8080", false)]
    public void Host_entries_are_checked(string entry, bool bad) =>
        Assert.Equal(bad, EgressPolicy.CheckHost(entry) is not null);

    [Fact]
    public void A_malformed_policy_names_the_entry_and_the_expected_form()
    {
        var error = Assert.Throws<ArgumentException>(() => new EgressPolicy(allowRanges: ["10.1.2.3/8"]));

        Assert.Contains("'10.1.2.3/8' is not an address range", error.Message, StringComparison.Ordinal);
        Assert.Contains("10.1.0.0/16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suffix_entry_allows_subdomains_only()
    {
        var policy = new EgressPolicy(allowHosts: ["*.corp.example"]);

        Assert.True(policy.AllowsHost("wiki.corp.example", 443));
        Assert.False(policy.AllowsHost("corp.example", 443));
        Assert.False(policy.AllowsHost("evilcorp.example", 443));
    }
}
