namespace Chitin.Providers.Routing.Configuration;

/// <summary>A bad <c>endpoints</c> or <c>routing</c> section; the message starts with the dotted key it is about.</summary>
public sealed class RoutingConfigException(string message) : Exception(message);
