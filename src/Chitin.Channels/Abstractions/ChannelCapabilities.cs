namespace Chitin.Channels.Abstractions;

/// <summary>What a channel can do besides sending text.</summary>
/// <param name="Threads">Conversations inside a chat (forum topics), each its own session.</param>
/// <param name="Edits">A sent message can be edited (a streamed answer, an answered approval).</param>
/// <param name="Typing">A "typing…" indicator can be shown while a turn runs.</param>
/// <param name="MaxMessageLength">Longer replies are split into several messages.</param>
public sealed record ChannelCapabilities(bool Threads, bool Edits, bool Typing, int MaxMessageLength);
