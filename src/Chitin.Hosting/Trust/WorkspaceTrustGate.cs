namespace Chitin.Hosting.Trust;

/// <summary>Applies workspace trust while config loads: an untrusted project file is replaced by its tightening part.</summary>
internal static class WorkspaceTrustGate
{
    /// <param name="files">The user file, then the project file (when it is a different file); the project entry may be replaced.</param>
    public static WorkspaceTrust Restrict(IHostContext context, ChitinPaths paths, List<ConfigFile> files)
    {
        var index = files.FindIndex(f => f.Scope == ConfigScope.Project);
        var project = index < 0 ? null : files[index];
        var trust = TrustResolver.Resolve(context, paths, project);
        if (trust.IsTrusted || project is not { IsUsable: true })
        {
            return trust;
        }

        var user = files.First(f => f.Scope == ConfigScope.User);
        var (restricted, ignored) = UntrustedProjectFilter.Apply(project, user, context.Environment);
        files[index] = restricted;
        return trust with { Ignored = ignored };
    }
}
