namespace Chitin.Core.Metering;

/// <summary>Who a <see cref="MeteredChatClient"/>'s rows are booked to, and at which prices.</summary>
/// <param name="SessionId">The session column of the rows (a fixed name for calls that belong to no session).</param>
/// <param name="Agent">The agent column, naming the caller (e.g. <c>memory-judge</c>).</param>
public sealed record MeteredCallSite(string SessionId, string Agent, string Provider, string Model, PriceTable Prices);
