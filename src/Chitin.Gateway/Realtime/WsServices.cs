namespace Chitin.Gateway.Realtime;

/// <summary>What a <c>/ws</c> connection works with.</summary>
internal sealed record WsServices(OrleansConversationDispatcher Dispatcher, SessionBroadcaster Broadcaster, GatewayStore Store, ApprovalRelay Approvals, WsTurns Turns);
