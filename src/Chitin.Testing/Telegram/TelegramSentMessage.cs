namespace Chitin.Testing.Telegram;

/// <summary>A message the bot sent (sendMessage) or edited (editMessageText), as the fake server received it.</summary>
/// <param name="Keyboard">The inline keyboard's callback data, in button order; empty when there is none.</param>
public sealed record TelegramSentMessage(string Method, long ChatId, int MessageId, string Text, int? ThreadId, int? ReplyToMessageId, IReadOnlyList<string> Keyboard);
