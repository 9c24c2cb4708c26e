namespace Chitin.Channels.Telegram;

/// <summary>Everything the Telegram channel sends: replies split at 4096 characters into the same chat and topic, and approval keyboards; each call retried with backoff.</summary>
internal sealed class TelegramSender : IReplySender, IApprovalPrompter
{
    internal const string ApprovalPrefix = "approval:";

    private readonly ITelegramBotClient _bot;
    private readonly ResiliencePipeline _retry;
    private readonly ConcurrentDictionary<string, (long Chat, int Message, string Question)> _questions = new(StringComparer.Ordinal);

    public TelegramSender(ITelegramBotClient bot, TimeProvider time, TimeSpan firstRetryDelay)
    {
        _bot = bot;
        _retry = OutboundRetry.Create(4, firstRetryDelay, IsTransient, time);
    }

    public Task SendReplyAsync(InboundMessage to, string text, CancellationToken cancellationToken) =>
        SendAsync(to.Address, text, to.ReplyTo, cancellationToken);

    public async Task ShowWorkingAsync(ChannelAddress address, CancellationToken cancellationToken)
    {
        try
        {
            await _bot.SendChatAction(address.ChatAsLong, ChatAction.Typing, messageThreadId: address.ThreadAsInt, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestException)
        {
            // Only a hint for the person; the answer still comes.
        }
    }

    public async Task SendAsync(ChannelAddress address, string text, string? replyTo, CancellationToken cancellationToken)
    {
        var parts = MessageSplitter.Split(text);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var quote = i == 0 && replyTo is not null && int.TryParse(replyTo, out var id) ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
            await _retry.ExecuteAsync(async ct => await _bot.SendMessage(address.ChatAsLong, part, replyParameters: quote, messageThreadId: address.ThreadAsInt, cancellationToken: ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task AskAsync(ChannelAddress address, string approvalId, string question, CancellationToken cancellationToken)
    {
        var keyboard = new InlineKeyboardMarkup(
        [
            [InlineKeyboardButton.WithCallbackData("Allow", ApprovalPrefix + approvalId + ":allow"), InlineKeyboardButton.WithCallbackData("Deny", ApprovalPrefix + approvalId + ":deny")],
        ]);
        var sent = await _retry.ExecuteAsync(async ct => await _bot.SendMessage(address.ChatAsLong, question, replyMarkup: keyboard, messageThreadId: address.ThreadAsInt, cancellationToken: ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        _questions[approvalId] = (address.ChatAsLong, sent.MessageId, question);
    }

    public async Task ConcludeAsync(ChannelAddress address, string approvalId, string outcome, CancellationToken cancellationToken)
    {
        if (!_questions.TryRemove(approvalId, out var question))
        {
            return;
        }

        // Editing the question removes its keyboard, so a late tap cannot look like it still counts.
        await _retry.ExecuteAsync(async ct => await _bot.EditMessageText(question.Chat, question.Message, question.Question + "\n" + outcome, cancellationToken: ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public Task AnswerCallbackAsync(string callbackId, string text, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await _bot.AnswerCallbackQuery(callbackId, text, cancellationToken: ct).ConfigureAwait(false), cancellationToken).AsTask();

    internal static bool IsTransient(Exception exception) => exception switch
    {
        ApiRequestException api => api.ErrorCode is (int)HttpStatusCode.TooManyRequests or >= 500,
        RequestException => true,
        HttpRequestException => true,
        _ => false,
    };
}
