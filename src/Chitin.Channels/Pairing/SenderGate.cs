namespace Chitin.Channels.Pairing;

/// <summary>Decides whether a sender may start a turn under a policy, its allow-list and the approvals in the store.</summary>
public sealed class SenderGate
{
    private readonly string _channel;
    private readonly PairingStore _pairing;
    private readonly HashSet<string> _allowFrom;

    public SenderGate(string channel, PairingStore pairing, IEnumerable<string> allowFrom)
    {
        _channel = channel;
        _pairing = pairing ?? throw new ArgumentNullException(nameof(pairing));
        _allowFrom = new HashSet<string>(allowFrom ?? [], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Listed in allowFrom (by id or @username) or approved with a pairing code.</summary>
    public bool IsAllowed(AccessPolicy policy, string senderId, string? userName) =>
        policy == AccessPolicy.Open
        || _allowFrom.Contains(senderId)
        || (userName is not null && (_allowFrom.Contains(userName) || _allowFrom.Contains("@" + userName)))
        || _pairing.IsApproved(_channel, senderId);
}
