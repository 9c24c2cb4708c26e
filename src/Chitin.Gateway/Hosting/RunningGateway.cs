namespace Chitin.Gateway.Hosting;

/// <summary>A started gateway: where it listens and the token clients send. Disposing it stops it gracefully.</summary>
public sealed class RunningGateway(WebApplication app, Uri address, string? token) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:7420/.</summary>
    public Uri Address { get; } = address;

    /// <summary>The bearer token; null when gateway.auth is "none".</summary>
    public string? Token { get; } = token;

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => App.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync(CancellationToken.None);
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
