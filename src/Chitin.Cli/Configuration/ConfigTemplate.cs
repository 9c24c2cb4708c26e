namespace Chitin.Cli.Configuration;

/// <summary>The commented config file <c>chitin init</c> writes. It must load without warnings.</summary>
public static class ConfigTemplate
{
    public static string For(ConfigScope scope) =>
        $$"""
        // Chitin configuration ({{(scope == ConfigScope.User ? "user file: applies everywhere" : "project file: applies in this folder, overrides the user file")}}).
        // Precedence, highest first: command-line flags > environment variables > ./.chitin/config.json
        // > $CHITIN_HOME/config.json > built-in defaults. Comments and trailing commas are allowed.
        // Check it with: chitin doctor
        {
          // Model id used when --model and CHITIN_MODEL are not given.
          "model": "gpt-5-mini",

          // Tried in order when the model is unavailable (not found, overloaded, retries exhausted).
          "fallbackModels": [],

          "provider": {
            // "openai" for any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, OpenRouter, DeepSeek, Kimi, GLM, Qwen)
            // or "anthropic". OPENAI_BASE_URL/OPENAI_API_KEY or ANTHROPIC_BASE_URL/ANTHROPIC_API_KEY override this.
            "kind": "openai",
            // OpenAI-compatible URLs include /v1 (e.g. http://localhost:11434/v1); Anthropic: https://api.anthropic.com
            "baseUrl": "https://api.openai.com/v1",
            // Name of the environment variable holding the API key. {{(scope == ConfigScope.User ? "You may put \"apiKey\": \"...\" here instead (user file only)." : "Never put \"apiKey\" in a project file: it is ignored here.")}}
            "apiKeyEnv": "OPENAI_API_KEY",
            // Retries of one model call on 429/5xx and dropped connections.
            "maxRetries": 4
          },

          "limits": {
            // Model calls per run; a run that needs more stops with status limit_reached (exit 1).
            "maxSteps": 50,
            // Input + output tokens per run; 0 means unlimited.
            "maxTokens": 0,
            "maxWallClockSeconds": 1800,
            "modelCallTimeoutSeconds": 300
          },

          // USD per million tokens, merged over the built-in price list. A key ending in * matches a prefix.
          "prices": {
            // "my-model*": { "input": 0.5, "cachedInput": 0.05, "cacheWrite": 0.5, "output": 1.5 }
          }

          // Replace the built-in system prompt (keep it short and stable so providers can cache it):
          // "systemPrompt": "You are ..."
        }

        """;
}
