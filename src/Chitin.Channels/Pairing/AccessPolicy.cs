namespace Chitin.Channels.Pairing;

/// <summary>Who may talk to the agent: "pairing" (unknown senders get a code to approve), "allowlist" (only listed and approved senders), "open".</summary>
public enum AccessPolicy
{
    Pairing,
    Allowlist,
    Open,
}
