namespace Chitin.Providers.Routing;

/// <summary>
/// Sticky state per session and pins. A session is named by <see cref="SessionKey"/> in the call's
/// <c>AdditionalProperties</c>, or else by its opening messages (system prompt and first user message), which is
/// what a provider's prefix cache keys on too. Thread-safe.
/// </summary>
public sealed class SessionRoutes
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key naming the session; routing removes it before the call goes out.</summary>
    public const string SessionKey = Core.Agents.RunProperties.Session;

    private readonly ConcurrentDictionary<string, SessionRoute> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _pins = new(StringComparer.Ordinal);

    public SessionRoute? Find(string session) => _routes.TryGetValue(session, out SessionRoute? route) ? route : null;

    public void Update(string session, SessionRoute route) => _routes[session] = route;

    public void Pin(string session, string endpoint) => _pins[session] = endpoint;

    public bool Unpin(string session) => _pins.TryRemove(session, out _);

    public string? PinOf(string session) => _pins.TryGetValue(session, out string? endpoint) ? endpoint : null;

    public static string KeyOf(IList<ChatMessage> messages, ChatOptions? options)
    {
        if (Core.Agents.RunProperties.Read(options, SessionKey) is { } name)
        {
            return name;
        }

        var hash = new HashCode();
        int taken = 0;
        foreach (ChatMessage message in messages)
        {
            hash.Add(message.Role);
            hash.Add(message.Text, StringComparer.Ordinal);
            if (message.Role != ChatRole.System && ++taken == 1)
            {
                break;
            }
        }

        return "prefix:" + hash.ToHashCode().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
