namespace Chitin.Security.Sandbox;

/// <summary>Applies a <see cref="SandboxPolicy"/> to a sandbox that may or may not be able to run here.</summary>
public static class SandboxSelector
{
    /// <summary>What to do when no sandbox can run; --yes is no consent to run unconfined.</summary>
    public const string HowToFix =
        "install bubblewrap (e.g. apt-get install bubblewrap) on a system that allows unprivileged user namespaces, "
        + "or opt out explicitly with \"sandbox\": {\"mode\": \"off\"} in the config (commands then run unconfined); --yes does not turn the sandbox off";

    /// <exception cref="SandboxUnavailableException">The policy is Required and the sandbox is not available.</exception>
    public static SandboxSelection Select(SandboxPolicy policy, ICommandSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        if (policy == SandboxPolicy.Off)
        {
            return new SandboxSelection(null, null);
        }

        if (sandbox.IsAvailable)
        {
            return new SandboxSelection(sandbox, null);
        }

        var reason = sandbox.UnavailableReason ?? "it reports that it cannot run here";
        if (policy == SandboxPolicy.Required)
        {
            throw new SandboxUnavailableException($"policy requires a sandbox but {sandbox.Name} is not available: {reason}; {HowToFix}");
        }

        return new SandboxSelection(null, $"shell commands will be refused: no sandbox can run here ({sandbox.Name}: {reason}); {HowToFix}");
    }

    /// <summary>Reads "required", "preferred" or "off".</summary>
    /// <exception cref="FormatException">Any other text; the message names <paramref name="origin"/>.</exception>
    public static SandboxPolicy ParsePolicy(string text, string origin) => text?.Trim().ToLowerInvariant() switch
    {
        "required" => SandboxPolicy.Required,
        "preferred" => SandboxPolicy.Preferred,
        "off" => SandboxPolicy.Off,
        _ => throw new FormatException($"Unknown sandbox policy \"{text}\" in {origin}: use required, preferred or off."),
    };
}
