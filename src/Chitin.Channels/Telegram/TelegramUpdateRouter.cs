namespace Chitin.Channels.Telegram;

/// <summary>
/// Decides what an update means: a direct message from an allowed sender, a group message that mentions or replies
/// to the bot, an unknown sender who needs a pairing code (no model call), or an answer to an approval question.
/// </summary>
internal sealed class TelegramUpdateRouter(TelegramSettings settings, SenderGate gate, PairingStore pairing, ChannelDelivery delivery, TelegramSender sender, ChannelApprovals approvals)
{
    private long _botId;

    public string? BotUserName { get; private set; }

    public void SetBot(long id, string? userName)
    {
        _botId = id;
        BotUserName = userName;
    }

    /// <summary>Handles one update; false when it was a redelivery of a message already stored.</summary>
    public async Task<bool> HandleAsync(Update update, CancellationToken cancellationToken)
    {
        if (update.CallbackQuery is { } callback)
        {
            await HandleCallbackAsync(callback, cancellationToken).ConfigureAwait(false);
            return true;
        }

        return update.Message is not { } message || await HandleMessageAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> HandleMessageAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } from || string.IsNullOrWhiteSpace(message.Text))
        {
            return true;
        }

        var chatId = message.Chat.Id.ToString(CultureInfo.InvariantCulture);
        var senderId = from.Id.ToString(CultureInfo.InvariantCulture);
        var isPrivate = message.Chat.Type == ChatType.Private;
        var text = message.Text;
        if (!isPrivate)
        {
            if (!AddressesBot(message))
            {
                return true;
            }

            text = StripMention(text);
        }

        var policy = isPrivate ? settings.DmPolicy : settings.EffectiveGroupPolicy;
        if (!gate.IsAllowed(policy, senderId, from.Username))
        {
            if (isPrivate && policy == AccessPolicy.Pairing)
            {
                var request = pairing.Request(TelegramChannel.ChannelName, senderId, from.Username, chatId);
                var address = new ChannelAddress(TelegramChannel.ChannelName, chatId);
                await sender.SendAsync(address, $"I don't know you yet. Your pairing code is {request.Code}. Ask my owner to run: chitin pairing approve {request.Code}", null, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        // Forum topics are their own sessions; the reply goes into the topic the message came from.
        var thread = message.IsTopicMessage && message.MessageThreadId is { } topic ? topic.ToString(CultureInfo.InvariantCulture) : null;
        var inbound = new InboundMessage(
            new ChannelAddress(TelegramChannel.ChannelName, chatId, thread),
            chatId + ":" + message.Id.ToString(CultureInfo.InvariantCulture),
            senderId,
            text,
            isPrivate ? null : message.Id.ToString(CultureInfo.InvariantCulture));
        return await delivery.AcceptAsync(inbound, cancellationToken).ConfigureAwait(false);
    }

    private bool AddressesBot(Message message)
    {
        if (message.ReplyToMessage?.From?.Id == _botId && _botId != 0)
        {
            return true;
        }

        return BotUserName is not null && message.Text!.Contains("@" + BotUserName, StringComparison.OrdinalIgnoreCase);
    }

    private string StripMention(string text)
    {
        if (BotUserName is null)
        {
            return text;
        }

        var stripped = text.Replace("@" + BotUserName, "", StringComparison.OrdinalIgnoreCase).Trim();
        return stripped.Length == 0 ? text : stripped;
    }

    private async Task HandleCallbackAsync(CallbackQuery callback, CancellationToken cancellationToken)
    {
        var data = callback.Data ?? "";
        if (!data.StartsWith(TelegramSender.ApprovalPrefix, StringComparison.Ordinal))
        {
            await sender.AnswerCallbackAsync(callback.Id, "", cancellationToken).ConfigureAwait(false);
            return;
        }

        var parts = data[TelegramSender.ApprovalPrefix.Length..].Split(':');
        // In a direct chat only its owner can tap; in a group only allowed senders may answer.
        var isPrivate = callback.Message?.Chat.Type == ChatType.Private;
        var mayAnswer = isPrivate || gate.IsAllowed(settings.EffectiveGroupPolicy, callback.From.Id.ToString(CultureInfo.InvariantCulture), callback.From.Username);
        var answer = parts.Length != 2 || !mayAnswer
            ? "You may not answer this."
            : approvals.Answer(parts[0], parts[1] == "allow") ? (parts[1] == "allow" ? "Allowed." : "Denied.") : "This question is no longer open.";
        await sender.AnswerCallbackAsync(callback.Id, answer, cancellationToken).ConfigureAwait(false);
    }
}
