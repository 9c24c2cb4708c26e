namespace Chitin.Security.Redaction;

/// <summary>A value redacted wherever it appears, shown as <c>[REDACTED:<see cref="Kind"/>]</c>.</summary>
public sealed record ExactSecret(string Value, string Kind);
