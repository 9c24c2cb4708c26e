namespace Chitin.Providers.Chat;

/// <summary>One model a <see cref="FallbackChatClient"/> may use, with the client that calls it.</summary>
public sealed record ModelCandidate(string ModelId, IChatClient Client);
