namespace Chitin.Providers.Routing.Probes;

/// <summary>What a probe checks (<c>chitin providers probe --kind</c>).</summary>
public enum ProbeKind
{
    Latency,
    Cache,
    Conformance,
    Equivalence,
}
