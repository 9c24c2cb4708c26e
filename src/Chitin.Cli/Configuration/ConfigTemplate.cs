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

          // Tool permissions. Layers, highest first: managed policy (/etc/chitin/managed.json) > --mode/--allow/--deny
          // > project file > user file > built-in. A deny in any layer wins; plan mode refuses every tool that changes
          // something; what is neither allowed nor denied asks (chat) or needs --yes (run). Decisions are logged to
          // $CHITIN_HOME/audit/YYYY-MM-DD.jsonl.
          "permissions": {
            // "mode": "default",   // default | acceptEdits (file edits in the workspace run) | plan (read-only) | unrestricted
            // "allow": ["run_shell(git diff*)", "run_shell(dotnet test*)", "write_file(src/**)", "web_fetch(domain:learn.microsoft.com)"],
            // "ask": ["run_shell(git commit*)"],
            // "deny": ["read_file(~/.ssh/**)", "run_shell(git push*)", "run_shell(rm -rf*)"],
            // "additionalDirectories": ["~/shared-notes"]
          },

          // Commands run around the agent, in the workspace. They get the event as JSON on stdin; exit code 2, or
          // {"decision": "deny", "reason": "..."} on stdout, denies. Events: before_tool, after_tool, user_prompt,
          // session_start, stop, before_compact. A failing before_tool or user_prompt hook denies.
          "hooks": {
            // "before_tool": [{ "matcher": "run_shell|write_file", "command": "./scripts/guard.sh", "timeout": 10 }],
            // "after_tool": [{ "matcher": "write_file", "command": "dotnet format --verify-no-changes" }]
          },

          // Shell commands run inside bubblewrap (Linux), else Landlock: system folders read-only, only the workspace
          // writable. With neither, run_shell is refused; "off" is the only way to run commands unconfined.
          "sandbox": {
            // "mode": "preferred",   // required: refuse to start without one | preferred: refuse commands without one | off
            // "allowNetwork": false,
            // "bwrapPath": "/usr/bin/bwrap",
            // "landlock": true       // fall back to the kernel's Landlock when bubblewrap cannot run
          },

          // MCP servers whose tools the agent gets, named mcp__<server>__<tool>. ${VAR} and ${VAR:-default} expand from
          // the environment, so tokens stay out of this file. A project server replaces a user server of the same name.
          "mcpServers": {
            // "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"], "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}" } },
            // "docs": { "type": "http", "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer ${DOCS_TOKEN}" } }
          },

          // How the context is kept small and inside the model's window (see: chitin context <session>).
          "context": {
            // "windowTokens": 128000,          // the model's context window
            // "compactAtShare": 0.75,          // compact before a call that would send more than this share (0.5 to 1)
            // "offloadThresholdTokens": 2000,  // larger tool results go to a file; the context gets an excerpt
            // "autoCompact": true
          },

          // Long-term memory in chitin.db (see: chitin memory --help). Without an embedding model, vectors come from an
          // offline hashed n-gram embedder that needs no download (it matches spelling, not meaning).
          "memory": {
            // "enabled": true,
            // "capture": true,                 // one bounded model call saves durable facts before compaction and at run end
            // "digestTokens": 500,             // pinned and most relevant facts in the prompt; 0 = none
            // "embeddingModel": "text-embedding-3-small",
            // "embeddingBaseUrl": "http://127.0.0.1:8080/v1",  // default: the provider's base URL
            // "embeddingApiKeyEnv": "EMBEDDINGS_API_KEY"       // default: the provider's key
          },

          // Agent Skills from .chitin/skills, .agents/skills, .claude/skills and $CHITIN_HOME/skills, vetted locally
          // before first use (see: chitin skills --help).
          "skills": {
            // "enabled": true,
            // "indexTokens": 1500,             // cap of the name + description index in the prompt
            // "allowWarned": false,            // use skills the vetter warned about without 'chitin skills enable'
            // "autoDistill": false             // propose a draft skill after successful runs (one extra model call)
          },

          // Per-turn checkpoints of the workspace (CHITIN_HOME/checkpoints) for 'chitin sessions rewind' and /undo.
          "checkpoints": {
            // "enabled": true,
            // "maxFileMb": 10,                 // larger files are not kept; a rewind leaves them as they are
            // "maxAgeDays": 30,                // 0 = keep until the session is deleted
            // "maxSizeMb": 2048                // oldest checkpoints go first beyond this; 0 = no cap
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
