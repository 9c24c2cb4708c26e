using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace Chitin.Mcp.Conformance.Tests.OAuth;

/// <summary>
/// A small real OAuth 2.1 authorization server (metadata, dynamic registration, authorization code with PKCE S256,
/// refresh) and an MCP server (JSON responses over Streamable HTTP) behind it, on one loopback port.
/// </summary>
internal sealed class OAuthProtectedServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Task _serving;
    private int _authorizations;
    private int _refreshes;

    public OAuthProtectedServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"{Origin}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";

    public Uri McpUrl => new($"{Origin}/mcp");

    public int Authorizations => _authorizations;

    public int Refreshes => _refreshes;

    /// <summary>Every access and refresh token handed out, to check none leaks into output.</summary>
    public ConcurrentBag<string> Issued { get; } = [];

    /// <summary>Makes the server refuse an access token from now on, as when it expires.</summary>
    public void Revoke(string accessToken) => _accessTokens[accessToken] = false;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ConfigureAwait(false);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await HandleAsync(context);
                }
                finally
                {
                    context.Response.Close();
                }
            });
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        switch (request.HttpMethod, path)
        {
            case ("GET", "/.well-known/oauth-protected-resource/mcp" or "/.well-known/oauth-protected-resource"):
                await JsonAsync(context.Response, 200, new JsonObject { ["resource"] = McpUrl.AbsoluteUri, ["authorization_servers"] = new JsonArray(Origin) });
                return;
            case ("GET", "/.well-known/oauth-authorization-server"):
                await JsonAsync(context.Response, 200, new JsonObject
                {
                    ["issuer"] = Origin,
                    ["authorization_endpoint"] = $"{Origin}/authorize",
                    ["token_endpoint"] = $"{Origin}/token",
                    ["registration_endpoint"] = $"{Origin}/register",
                    ["response_types_supported"] = new JsonArray("code"),
                    ["grant_types_supported"] = new JsonArray("authorization_code", "refresh_token"),
                    ["code_challenge_methods_supported"] = new JsonArray("S256"),
                    ["token_endpoint_auth_methods_supported"] = new JsonArray("none"),
                });
                return;
            case ("POST", "/register"):
                var registration = JsonNode.Parse(await new StreamReader(request.InputStream).ReadToEndAsync())!.AsObject();
                await JsonAsync(context.Response, 201, new JsonObject
                {
                    ["client_id"] = "registered-client",
                    ["redirect_uris"] = registration["redirect_uris"]?.DeepClone(),
                    ["token_endpoint_auth_method"] = "none",
                    ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
                    ["response_types"] = new JsonArray("code"),
                });
                return;
            case ("GET", "/authorize"):
                Authorize(context);
                return;
            case ("POST", "/token"):
                await TokenAsync(context);
                return;
            case (_, "/mcp"):
                await McpAsync(context);
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    private void Authorize(HttpListenerContext context)
    {
        var query = HttpUtility.ParseQueryString(context.Request.Url!.Query);
        Interlocked.Increment(ref _authorizations);
        var code = "code-" + Guid.NewGuid().ToString("N");
        _codes[code] = query["code_challenge_method"] == "S256" ? query["code_challenge"] ?? "" : "";
        var redirect = $"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"] ?? "")}&iss={Uri.EscapeDataString(Origin)}";
        context.Response.StatusCode = 302;
        context.Response.RedirectLocation = redirect;
    }

    private async Task TokenAsync(HttpListenerContext context)
    {
        var form = HttpUtility.ParseQueryString(await new StreamReader(context.Request.InputStream).ReadToEndAsync());
        switch (form["grant_type"])
        {
            case "authorization_code" when form["code"] is { } code && _codes.TryRemove(code, out var challenge)
                && challenge.Length > 0 && challenge == S256(form["code_verifier"] ?? ""):
                await IssueAsync(context.Response);
                return;
            case "refresh_token" when form["refresh_token"] is { } refresh && _refreshTokens.TryRemove(refresh, out _):
                Interlocked.Increment(ref _refreshes);
                await IssueAsync(context.Response);
                return;
            default:
                await JsonAsync(context.Response, 400, new JsonObject { ["error"] = "invalid_grant" });
                return;
        }
    }

    private async Task IssueAsync(HttpListenerResponse response)
    {
        var access = "at-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var refresh = "rt-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _accessTokens[access] = true;
        _refreshTokens[refresh] = true;
        Issued.Add(access);
        Issued.Add(refresh);
        await JsonAsync(response, 200, new JsonObject { ["access_token"] = access, ["refresh_token"] = refresh, ["token_type"] = "Bearer", ["expires_in"] = 3600 });
    }

    private async Task McpAsync(HttpListenerContext context)
    {
        var header = context.Request.Headers["Authorization"];
        var token = header?.StartsWith("Bearer ", StringComparison.Ordinal) == true ? header[7..] : null;
        if (token is null || !_accessTokens.TryGetValue(token, out var valid) || !valid)
        {
            context.Response.AddHeader("WWW-Authenticate", $"Bearer resource_metadata=\"{Origin}/.well-known/oauth-protected-resource/mcp\"");
            await JsonAsync(context.Response, 401, new JsonObject { ["error"] = "invalid_token" });
            return;
        }

        if (context.Request.HttpMethod != "POST")
        {
            context.Response.StatusCode = 405;
            return;
        }

        var message = JsonNode.Parse(await new StreamReader(context.Request.InputStream).ReadToEndAsync())!.AsObject();
        var id = message["id"]?.DeepClone();
        JsonNode? result = (string?)message["method"] switch
        {
            "initialize" => new JsonObject
            {
                ["protocolVersion"] = (string?)message["params"]?["protocolVersion"] ?? "2025-11-25",
                ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() },
                ["serverInfo"] = new JsonObject { ["name"] = "oauth-test", ["version"] = "1.0.0" },
            },
            "tools/list" => new JsonObject { ["tools"] = new JsonArray(new JsonObject { ["name"] = "echo", ["inputSchema"] = new JsonObject { ["type"] = "object" } }) },
            "tools/call" => new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "echoed" }) },
            _ => null,
        };
        if (id is null)
        {
            context.Response.StatusCode = 202;
            return;
        }

        var reply = result is not null
            ? new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result }
            : new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = -32601, ["message"] = "Method not found" } };
        await JsonAsync(context.Response, 200, reply);
    }

    private static string S256(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task JsonAsync(HttpListenerResponse response, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }
}
