namespace Chitin.Providers.Configuration;

/// <summary>The wire protocol a provider speaks.</summary>
public enum ProviderKind
{
    /// <summary>OpenAI chat completions: OpenAI itself and every compatible server (vLLM, Ollama, OpenRouter, DeepSeek, Kimi, GLM, Qwen).</summary>
    OpenAI,

    /// <summary>The Anthropic Messages API.</summary>
    Anthropic,
}
