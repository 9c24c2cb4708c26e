namespace Chitin.Core.Metering;

public enum UsageGrouping
{
    Day,
    Session,
    Model,
    Agent,
}
