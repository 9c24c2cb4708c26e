namespace Chitin.Mcp.Auth;

/// <summary>
/// The interactive part of an OAuth login: opens the authorization URL in the browser (<see cref="BrowserLauncher"/>),
/// prints it too, and catches the redirect on a loopback listener (<c>http://127.0.0.1:PORT/callback</c>, RFC 8252).
/// The port is chosen when the authorizer is made because dynamic registration sends the redirect URI before the
/// browser is opened; the listener runs only while a login waits.
/// </summary>
public sealed class LoopbackAuthorizer
{
    private static readonly TimeSpan LoginTimeout = TimeSpan.FromMinutes(5);

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Action<string> _notice;

    public LoopbackAuthorizer(IReadOnlyDictionary<string, string> environment, Action<string> notice)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _notice = notice ?? throw new ArgumentNullException(nameof(notice));
        RedirectUri = new Uri($"http://127.0.0.1:{LoopbackPort.PickFree()}/callback");
    }

    public Uri RedirectUri { get; }

    public async Task<AuthorizationResult?> AuthorizeAsync(AuthorizationCallbackContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var listener = new HttpListener();
        listener.Prefixes.Add(new Uri(context.RedirectUri, "/").AbsoluteUri);
        listener.Start();
        var opened = BrowserLauncher.TryOpen(context.AuthorizationUri, _environment);
        _notice(opened is null
            ? $"open this URL in a browser to log in: {context.AuthorizationUri}"
            : $"opened the login page with {opened}; if nothing appears, open: {context.AuthorizationUri}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LoginTimeout);
        while (true)
        {
            HttpListenerContext request;
            try
            {
                request = await listener.GetContextAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new McpAuthorizationException($"no login arrived within {LoginTimeout.TotalMinutes:0} minutes; run the login again.");
            }

            if (request.Request.Url?.AbsolutePath != context.RedirectUri.AbsolutePath)
            {
                await RespondAsync(request.Response, 404, "Not the login callback.").ConfigureAwait(false);
                continue;
            }

            var query = HttpUtility.ParseQueryString(request.Request.Url.Query);
            if (query["error"] is { } error)
            {
                await RespondAsync(request.Response, 400, "Login failed; you can close this window.").ConfigureAwait(false);
                var description = query["error_description"];
                throw new McpAuthorizationException($"the authorization server refused the login: {error}{(description is null ? "" : $" ({description})")}.");
            }

            if (string.IsNullOrEmpty(query["code"]))
            {
                await RespondAsync(request.Response, 400, "The callback had no authorization code.").ConfigureAwait(false);
                continue;
            }

            await RespondAsync(request.Response, 200, "Logged in; you can close this window and return to Chitin.").ConfigureAwait(false);
            return new AuthorizationResult { Code = query["code"]!, State = query["state"], Iss = query["iss"] };
        }
    }

    private static async Task RespondAsync(HttpListenerResponse response, int status, string text)
    {
        var body = Encoding.UTF8.GetBytes($"<!doctype html><title>Chitin</title><p>{WebUtility.HtmlEncode(text)}</p>");
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }
}
