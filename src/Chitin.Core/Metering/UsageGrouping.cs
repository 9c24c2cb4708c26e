namespace Chitin.Core.Metering;

public enum UsageGrouping
{
    Day,
    Session,
    Model,
    Agent,

    /// <summary>The provider endpoint that served the call (the usage row's provider).</summary>
    Endpoint,
}
