namespace Chitin.Core.Safety;

/// <summary>Removes credentials from text before a model, a transcript or a log sees it.</summary>
public interface ISecretRedactor
{
    /// <summary>Returns the text with every secret replaced by a marker such as <c>[REDACTED:openai-key]</c>.</summary>
    string Redact(string text);
}
