namespace Chitin.Hosting.Trust;

/// <summary>
/// Whether the workspace is trusted and what its project config asked for that was ignored because it is not.
/// Without trust a project config may only tighten: deny and ask rules, plan mode, lower limits, turning features off.
/// </summary>
public sealed record WorkspaceTrust
{
    /// <summary>The folder's real path.</summary>
    public required string Folder { get; init; }

    public required TrustStatus Status { get; init; }

    /// <summary>SHA-256 (hex) of the project config file as it is now; null when there is none.</summary>
    public string? ConfigSha256 { get; init; }

    /// <summary>What decided it: the trust file's record, the managed policy's entry, or why trust is unavailable.</summary>
    public string Detail { get; init; } = "";

    /// <summary>Loosening settings of the project config that were ignored, e.g. "hooks (before_tool)".</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>Set when trust.json could not be read: every folder counts as untrusted and this says why.</summary>
    public string? StoreProblem { get; init; }

    public bool IsTrusted => Status is TrustStatus.Trusted or TrustStatus.TrustedByPolicy;

    /// <summary>The user may trust this folder (it is not trusted and the managed policy allows trust).</summary>
    public bool CanBeTrusted => !IsTrusted && Status != TrustStatus.Forbidden && StoreProblem is null;

    /// <summary>The one-line summary doctor and warnings use.</summary>
    public string Describe() => Status switch
    {
        TrustStatus.Trusted => $"{Folder} is trusted ({Detail})",
        TrustStatus.TrustedByPolicy => $"{Folder} is trusted by the managed policy ({Detail})",
        TrustStatus.Changed => $"{Folder} is not trusted: its project config changed since you trusted it ({Detail})",
        TrustStatus.Forbidden => $"{Folder} is not trusted: {Detail}",
        _ => $"{Folder} is not trusted",
    };

    /// <summary>
    /// The warning printed when something was ignored: what, and how to trust (or why one cannot). Null when nothing was.
    /// </summary>
    public string? Warning()
    {
        if (IsTrusted || Ignored.Count == 0)
        {
            return null;
        }

        var how = StoreProblem is not null ? $" Trust cannot be checked: {StoreProblem}"
            : Status == TrustStatus.Forbidden ? " The managed policy does not allow trusting folders."
            : $" Review .chitin/config.json, then run 'chitin trust' to apply it{(Status == TrustStatus.Changed ? " again" : "")}.";
        return $"{Describe()}, so its project config may only tighten settings; ignored: {string.Join("; ", Ignored)}.{how}";
    }
}
