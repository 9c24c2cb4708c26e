namespace Chitin.Providers.Routing.Evaluation;

/// <summary>The latest probe verdict of each endpoint, loaded from the store at start and updated by probes. Thread-safe.</summary>
public sealed class VerdictBook
{
    private readonly ConcurrentDictionary<string, EndpointVerdict> _verdicts = new(StringComparer.OrdinalIgnoreCase);

    public EndpointVerdict? Find(string endpoint) => _verdicts.TryGetValue(endpoint, out EndpointVerdict? verdict) ? verdict : null;

    public void Set(EndpointVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        _verdicts[verdict.Endpoint] = verdict;
    }

    public void Load(IEnumerable<EndpointVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        foreach (EndpointVerdict verdict in verdicts)
        {
            Set(verdict);
        }
    }
}
