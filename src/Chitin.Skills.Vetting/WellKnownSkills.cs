namespace Chitin.Skills.Vetting;

/// <summary>
/// Names of widely installed skills — Anthropic's example skills and the most downloaded ClawHub skills — that
/// typosquatters imitate ("clawhub1", "cllawhub", "polymarket-traiding-bot"). The vetter flags names one edit or one
/// look-alike letter away from these.
/// </summary>
public static class WellKnownSkills
{
    public static IReadOnlyList<string> Names { get; } =
    [
        // anthropics/skills
        "algorithmic-art", "artifacts-builder", "brand-guidelines", "canvas-design", "doc-coauthoring", "docx", "frontend-design",
        "internal-comms", "mcp-builder", "pdf", "pptx", "skill-creator", "slack-gif-creator", "theme-factory", "web-artifacts-builder",
        "webapp-testing", "xlsx", "template-skill",

        // OpenClaw bundled and popular ClawHub skills
        "clawhub", "clawdhub", "openclaw", "gog", "summarize", "github", "weather", "nano-banana-pro", "nano-pdf", "coding-agent",
        "youtube-watcher", "youtube-summarizer", "deep-research", "deepresearch", "browser-automation", "agent-browser", "browser-use",
        "self-improving-agent", "proactive-agent", "tavily-search", "brave-search", "exa-search", "perplexity", "firecrawl", "obsidian",
        "notion", "slack", "discord", "himalaya", "bird", "twitter", "x-twitter", "polymarket", "polymarket-trading-bot", "yahoo-finance",
        "openai-whisper", "openai-image-gen", "sonoscli", "spotify-player", "trello", "apple-notes", "apple-reminders", "bear-notes",
        "things-mac", "1password", "tmux", "camsnap", "peekaboo", "gemini", "imsg", "wacli", "blogwatcher", "mcporter", "session-logs",
        "healthcheck", "model-usage", "video-frames", "goplaces", "local-places", "food-order", "openhue", "gifgrep", "songsee",
        "bluebubbles", "voice-call", "auto-updater", "capability-evolver", "find-skills", "humanizer", "playwright", "supabase",
        "vercel", "stripe", "google-calendar", "gmail", "linear", "jira", "todoist", "solana-wallet-tracker", "crypto-tracker",
        "wallet-tracker", "phantom-wallet", "metamask", "uniswap", "coinbase", "binance", "ethereum", "bitcoin", "google-workspace",
        "context7", "memory", "skill-security-auditor", "code-review", "git-commit-message",
    ];
}
