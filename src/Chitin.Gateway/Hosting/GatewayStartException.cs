namespace Chitin.Gateway.Hosting;

/// <summary>The gateway cannot start as configured; the message says why and what to change.</summary>
public sealed class GatewayStartException : Exception
{
    public GatewayStartException()
    {
    }

    public GatewayStartException(string message)
        : base(message)
    {
    }

    public GatewayStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
