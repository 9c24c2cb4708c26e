namespace Chitin.Testing.Scripting;

/// <summary>Who wrote a message. OpenAI's <c>developer</c> role is normalised to <see cref="System"/>.</summary>
public enum ScriptRole
{
    System,
    User,
    Assistant,

    /// <summary>An OpenAI <c>tool</c> message. Anthropic carries tool results inside <see cref="User"/> messages.</summary>
    Tool,
}
