using Chitin.Hosting.Gateway;
using Chitin.Scheduling.Running;

namespace Chitin.Scheduling.Tests;

public sealed class OutboundDeliveryTests
{
    [Fact]
    public async Task A_delivered_answer_reports_nothing_and_reaches_the_target()
    {
        var messenger = new RecordingMessenger(fail: null);

        var error = await OutboundDelivery.TryDeliverAsync(messenger, "webhook:ops", "the answer", " (hint)", "; kept", CancellationToken.None);

        Assert.Null(error);
        Assert.Equal([("webhook:ops", "the answer")], messenger.Sent);
    }

    [Fact]
    public async Task A_target_no_channel_handles_names_the_target_the_hint_and_the_consequence()
    {
        var messenger = new RecordingMessenger(fail: null, handles: "webhook:");

        var error = await OutboundDelivery.TryDeliverAsync(messenger, "telegram:42", "the answer", " (hint)", "; kept", CancellationToken.None);
        var withoutMessenger = await OutboundDelivery.TryDeliverAsync(null, "telegram:42", "the answer", "", "", CancellationToken.None);

        Assert.Equal("not delivered to 'telegram:42': no channel here can deliver to it (hint); kept", error);
        Assert.Equal("not delivered to 'telegram:42': no channel here can deliver to it", withoutMessenger);
        Assert.Empty(messenger.Sent);
    }

    [Fact]
    public async Task A_failed_send_reports_the_channels_error_and_the_consequence()
    {
        var messenger = new RecordingMessenger(fail: "chat not found");

        var error = await OutboundDelivery.TryDeliverAsync(messenger, "telegram:42", "the answer", " (hint)", "; kept", CancellationToken.None);

        Assert.Equal("not delivered to 'telegram:42': chat not found; kept", error);
    }

    [Fact]
    public async Task Cancelling_the_caller_stops_the_delivery_instead_of_reporting_it()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => OutboundDelivery.TryDeliverAsync(new RecordingMessenger(fail: null), "webhook:ops", "the answer", "", "", cancelled.Token));
    }

    private sealed class RecordingMessenger(string? fail, string handles = "") : IOutboundMessenger
    {
        public List<(string Target, string Text)> Sent { get; } = [];

        public bool CanDeliver(string target) => target.StartsWith(handles, StringComparison.Ordinal);

        public Task DeliverAsync(string target, string text, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (fail is not null)
            {
                throw new HttpRequestException(fail);
            }

            Sent.Add((target, text));
            return Task.CompletedTask;
        }
    }
}
