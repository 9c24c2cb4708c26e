namespace Chitin.Providers.Routing.Probes;

/// <summary>Probe kinds as the CLI spells them.</summary>
public static class ProbeKinds
{
    public const string Expected = "latency, cache, conformance or equivalence";

    public static IReadOnlyList<ProbeKind> All { get; } = [ProbeKind.Latency, ProbeKind.Cache, ProbeKind.Conformance, ProbeKind.Equivalence];

    public static bool TryParse(string? text, out ProbeKind kind) =>
        Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);

    public static string Name(ProbeKind kind) => kind.ToString().ToLowerInvariant();
}
