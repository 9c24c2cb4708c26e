namespace Chitin.Testing.Scripting;

/// <summary>The API dialect a request arrived in.</summary>
public enum WireFormat
{
    /// <summary>OpenAI Chat Completions: <c>POST /v1/chat/completions</c> (also <c>GET /v1/models</c>).</summary>
    OpenAI,

    /// <summary>Anthropic Messages: <c>POST /v1/messages</c>.</summary>
    Anthropic,
}
