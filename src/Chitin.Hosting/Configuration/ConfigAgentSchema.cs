namespace Chitin.Hosting.Configuration;

/// <summary>Checks the "agent" section: agent.loopGuard.{enabled, repeatedFailureNudge, repeatedFailureStop, …}.</summary>
internal static class ConfigAgentSchema
{
    public const string LoopGuard = "loopGuard";

    public static readonly string[] AgentKeys = [LoopGuard];

    public static readonly string[] LoopGuardKeys =
        ["enabled", "repeatedFailureNudge", "repeatedFailureStop", "repeatedCallNudge", "repeatedCallStop", "noProgressNudge", "noProgressStop"];

    public static string? Check(ConfigNode node, string source, List<ConfigIssue> warnings)
    {
        var s = node.Segments;
        if (!string.Equals(s[1], LoopGuard, StringComparison.OrdinalIgnoreCase))
        {
            if (s.Count == 2)
            {
                warnings.Add(ConfigSchema.Unknown(node, source, AgentKeys));
            }

            return null;
        }

        if (s.Count == 2)
        {
            return node.Kind == JsonValueKind.Object ? null : "must be an object { \"repeatedFailureStop\": 3, ... }";
        }

        if (s.Count != 3)
        {
            return null;
        }

        var key = LoopGuardKeys.FirstOrDefault(k => string.Equals(k, s[2], StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            warnings.Add(ConfigSchema.Unknown(node, source, LoopGuardKeys));
            return null;
        }

        if (key == "enabled")
        {
            return ConfigSchema.TryBoolean(node, out _) ? null : "must be true or false";
        }

        return ConfigSchema.TryInteger(node, out var v) && v is >= 0 and <= 10_000
            ? null
            : "must be a whole number of calls or steps from 0 (rule off) to 10000";
    }
}
