namespace Chitin.Scheduling.Running;

/// <summary>The delivery cron jobs and the heartbeat share: send an answer to a target, and say why when it could not be sent.</summary>
internal static class OutboundDelivery
{
    /// <summary>Null when delivered, else "not delivered to '…': why" followed by <paramref name="consequence"/>.</summary>
    /// <param name="noChannelHint">Appended to "no channel here can deliver to it", e.g. what would make delivery possible.</param>
    /// <param name="consequence">Appended to every failure, e.g. where the answer is kept instead.</param>
    public static async Task<string?> TryDeliverAsync(
        IOutboundMessenger? messenger,
        string target,
        string text,
        string noChannelHint,
        string consequence,
        CancellationToken cancellationToken)
    {
        if (messenger is null || !messenger.CanDeliver(target))
        {
            return $"not delivered to '{target}': no channel here can deliver to it{noChannelHint}{consequence}";
        }

        try
        {
            await messenger.DeliverAsync(target, text, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"not delivered to '{target}': {ex.Message}{consequence}";
        }
    }
}
