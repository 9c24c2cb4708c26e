namespace Chitin.Core.Safety;

public sealed class NoRedaction : ISecretRedactor
{
    public static NoRedaction Instance { get; } = new();

    public string Redact(string text) => text;
}
