namespace Chitin.Providers.Chat;

/// <summary>Disposes what the factory created for a client (HttpClient, SDK clients) together with it.</summary>
internal sealed class ResourceOwningChatClient(IChatClient innerClient, IReadOnlyList<IDisposable> resources) : DelegatingChatClient(innerClient)
{
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            foreach (IDisposable resource in resources)
            {
                resource.Dispose();
            }
        }
    }
}
