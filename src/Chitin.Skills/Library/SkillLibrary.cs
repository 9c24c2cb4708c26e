namespace Chitin.Skills.Library;

/// <summary>
/// The user's installed skills (<c>$CHITIN_HOME/skills</c>) and their lock file. A skill is copied or safely
/// extracted into staging, checked against the Agent Skills specification and vetted before anything is installed;
/// a blocked skill is never installed and a warned one only with approval. The installed content is pinned by hash:
/// a skill whose files changed since is vetted again before use (<see cref="VerifyAsync(string, CancellationToken)"/>).
/// Replacing a skill keeps the previous version under <see cref="SkillLibraryOptions.VersionsDirectory"/>.
/// </summary>
public sealed partial class SkillLibrary
{
    private readonly ISkillVetter _vetter;
    private readonly SkillLibraryOptions _options;
    private readonly TimeProvider _time;
    private readonly SkillLockStore _lock;

    public SkillLibrary(ISkillVetter vetter, SkillLibraryOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _vetter = vetter ?? throw new ArgumentNullException(nameof(vetter));
        _time = time ?? TimeProvider.System;
        _options = options with { Home = Path.GetFullPath(options.Home) };
        _lock = new SkillLockStore(_options.LockFilePath, _time);
    }

    public SkillLibraryOptions Options => _options;

    /// <summary>Where the installed skill <paramref name="name"/> lives.</summary>
    public string SkillDirectory(string name) => Path.Combine(_options.SkillsDirectory, CheckedName(name));

    /// <summary>Where version <paramref name="version"/> of <paramref name="name"/> is kept once a newer one replaced it.</summary>
    public string VersionDirectory(string name, int version) =>
        Path.Combine(_options.VersionsDirectory, CheckedName(name), version.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Installs a skill folder or .zip: stages it, validates SKILL.md, vets it, and only then installs and pins it.
    /// Every refusal is a result with a reason; nothing is installed unless <see cref="SkillAddResult.Succeeded"/>.
    /// </summary>
    public async Task<SkillAddResult> AddAsync(string folderOrZip, SkillAddOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folderOrZip);
        options ??= new SkillAddOptions();
        var source = Path.GetFullPath(folderOrZip);
        var stagingRoot = Path.Combine(_options.StagingDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            StagedSkill staged;
            try
            {
                staged = await Task.Run(() => SkillSourceStager.Stage(source, stagingRoot, _options), cancellationToken).ConfigureAwait(false);
            }
            catch (SkillSourceException ex)
            {
                return new SkillAddResult { Outcome = SkillAddOutcome.Rejected, Reason = ex.Message };
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new SkillAddResult { Outcome = SkillAddOutcome.Rejected, Reason = $"Cannot read '{source}': {ex.Message} Nothing was installed." };
            }

            return await InstallStagedAsync(staged, source, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDeleteDirectory(stagingRoot);
        }
    }

    /// <summary>Installed skills in name order, with their status computed from the files as they are now.</summary>
    public IReadOnlyList<SkillListItem> List() => _lock.Read().Skills.Values.Select(ToListItem).ToList();

    /// <summary>One installed skill with its SKILL.md, findings and history; null when it is not installed.</summary>
    public SkillDetails? Show(string name)
    {
        CheckedName(name);
        if (!_lock.Read().Skills.TryGetValue(name, out var entry))
        {
            return null;
        }

        var directory = SkillDirectory(name);
        return new SkillDetails
        {
            Skill = ToListItem(entry),
            Document = Directory.Exists(directory) ? SkillDocument.Load(directory) : null,
            Findings = entry.Findings,
            History = entry.History,
        };
    }

    /// <summary>Earlier versions of an installed skill, oldest first (empty when it has none or is not installed).</summary>
    public IReadOnlyList<SkillVersionInfo> ListVersions(string name)
    {
        CheckedName(name);
        return _lock.Read().Skills.TryGetValue(name, out var entry) ? entry.History : [];
    }

    /// <summary>What discovery needs: disabled names and pins.</summary>
    public SkillLibraryState ReadState()
    {
        var document = _lock.Read();
        var disabled = new HashSet<string>(document.DisabledOthers, StringComparer.Ordinal);
        foreach (var entry in document.Skills.Values.Where(e => !e.Enabled || e.Verdict == VetVerdict.Block))
        {
            disabled.Add(entry.Name);
        }

        var pins = document.Skills.Values.ToDictionary(
            e => e.Name,
            e => new SkillPin(e.Name, SkillDirectory(e.Name), e.ContentHash, e.Verdict, e.WarningsApproved),
            StringComparer.Ordinal);
        var approved = document.Skills.Values
            .Where(e => e.Enabled && e.WarningsApproved && e.Verdict == VetVerdict.Warn)
            .Select(e => e.ContentHash)
            .Concat(document.ApprovedOthers)
            .ToHashSet(StringComparer.Ordinal);
        return new SkillLibraryState { DisabledNames = disabled, ApprovedContentHashes = approved, Pins = pins };
    }

    /// <summary>
    /// Turns an installed skill on after vetting its current content again; this is also how the user approves
    /// warnings and accepts a draft. Refused (<see cref="SkillLibraryException"/>, with the report) when vetting blocks it.
    /// For a skill the library did not install, it only lifts a <see cref="DisableAsync"/> and returns null.
    /// </summary>
    public async Task<SkillListItem?> EnableAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckedName(name);
        var document = _lock.Read();
        if (!document.Skills.ContainsKey(name))
        {
            if (!document.DisabledOthers.Contains(name))
            {
                throw new SkillLibraryException($"No skill named '{name}' is installed or disabled. 'chitin skills list' shows the skills Chitin knows.");
            }

            await _lock.UpdateAsync(d => (d.DisabledOthers.Remove(name) ? d : null, true), cancellationToken).ConfigureAwait(false);
            return null;
        }

        var (enabled, _) = await EnableInstalledAsync(name, document, cancellationToken).ConfigureAwait(false);
        return enabled;
    }

    /// <summary>
    /// Enables a discovered skill after vetting its current content: an installed one as <see cref="EnableAsync(string, CancellationToken)"/>;
    /// a project, shipped or hand-copied one by lifting its <see cref="DisableAsync"/> and, when vetting warns, approving
    /// the warnings of exactly this content (its hash joins <see cref="SkillLibraryState.ApprovedContentHashes"/>).
    /// Refused (<see cref="SkillLibraryException"/>, with the report) when vetting blocks it.
    /// </summary>
    public async Task<VetReport> EnableAsync(SkillEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        CheckedName(entry.Name);
        var document = _lock.Read();
        if (IsInstalledFolder(entry) && document.Skills.ContainsKey(entry.Name))
        {
            var (_, installedReport) = await EnableInstalledAsync(entry.Name, document, cancellationToken).ConfigureAwait(false);
            return installedReport;
        }

        var report = await _vetter.VetAsync(entry.Directory, KnownNames(document, entry.Name), cancellationToken).ConfigureAwait(false);
        if (report.Verdict == VetVerdict.Block)
        {
            throw new SkillLibraryException($"'{entry.Name}' cannot be enabled. Vetting blocks it: {FindingSummary.Of(report.Findings, FindingSeverity.Block)}. Fix or remove the skill.", report);
        }

        await _lock.UpdateAsync(
            d =>
            {
                var changed = d.DisabledOthers.Remove(entry.Name);
                changed |= report.Verdict == VetVerdict.Warn && d.ApprovedOthers.Add(report.ContentHash);
                return (changed ? d : null, true);
            },
            cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<(SkillListItem Item, VetReport Report)> EnableInstalledAsync(string name, SkillLockDocument document, CancellationToken cancellationToken)
    {
        var directory = SkillDirectory(name);
        if (!Directory.Exists(directory))
        {
            throw new SkillLibraryException($"'{name}' cannot be enabled: its folder '{directory}' is gone. Add it again or run 'chitin skills remove {name}'.");
        }

        var hash = SkillContentHash.Compute(directory);
        var report = await _vetter.VetAsync(directory, KnownNames(document, name), cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (report.Verdict == VetVerdict.Block)
        {
            var reason = $"Vetting blocks it: {FindingSummary.Of(report.Findings, FindingSeverity.Block)}.";
            await UpdateEntryAsync(name, e => e with { Enabled = false, Verdict = VetVerdict.Block, DisabledReason = reason, Findings = [.. report.Findings], UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
            throw new SkillLibraryException($"'{name}' cannot be enabled. {reason} Fix or remove the skill.", report);
        }

        var enabled = await UpdateEntryAsync(
            name,
            e => e with
            {
                Enabled = true,
                Draft = false,
                DisabledReason = null,
                Verdict = report.Verdict,
                WarningsApproved = report.Verdict == VetVerdict.Warn,
                ContentHash = hash,
                Findings = [.. report.Findings],
                UpdatedAt = now,
            },
            cancellationToken).ConfigureAwait(false);
        return (ToListItem(enabled), report);
    }

    /// <summary>
    /// Keeps a skill from reaching the model. Works for installed skills and, by name, for project, shipped or
    /// hand-copied ones (they appear in <see cref="SkillLibraryState.DisabledNames"/>).
    /// </summary>
    public async Task DisableAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckedName(name);
        var now = _time.GetUtcNow();
        await _lock.UpdateAsync(
            d =>
            {
                if (d.Skills.TryGetValue(name, out var entry))
                {
                    d.Skills[name] = entry with
                    {
                        Enabled = false,
                        DisabledReason = entry.Draft ? entry.DisabledReason : $"Disabled by the user; 'chitin skills enable {name}' turns it back on.",
                        UpdatedAt = now,
                    };
                    return (d, true);
                }

                return (d.DisabledOthers.Add(name) ? d : null, true);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes an installed (or hand-copied) user skill with its version history. Skills of a project or shipped
    /// with Chitin are not the library's to delete; disable them instead.
    /// </summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckedName(name);
        var directory = SkillDirectory(name);
        var history = Path.Combine(_options.VersionsDirectory, name);
        await _lock.UpdateAsync(
            d =>
            {
                var managed = d.Skills.Remove(name);
                if (!managed && !Directory.Exists(directory))
                {
                    throw new SkillLibraryException(
                        $"No skill named '{name}' is installed in '{_options.SkillsDirectory}'. Project skills are removed by deleting their folder; " +
                        $"'chitin skills disable {name}' hides any skill.");
                }

                DeleteDirectory(directory);
                DeleteDirectory(history);
                return (managed ? d : null, true);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks an installed skill right before use: unchanged content keeps its verdict; changed content is vetted
    /// again — a pass is pinned, a warning needs approval, a block disables the skill and says why.
    /// </summary>
    public async Task<SkillVerification> VerifyAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckedName(name);
        var document = _lock.Read();
        if (!document.Skills.TryGetValue(name, out var entry))
        {
            var disabled = document.DisabledOthers.Contains(name);
            return new SkillVerification
            {
                Name = name,
                Outcome = disabled ? SkillVerifyOutcome.Disabled : SkillVerifyOutcome.NotManaged,
                Usable = !disabled,
                Reason = disabled ? $"Disabled by the user; 'chitin skills enable {name}' turns it back on." : null,
            };
        }

        var directory = SkillDirectory(name);
        if (!Directory.Exists(directory))
        {
            return Verification(entry, SkillVerifyOutcome.Missing, false, $"Its folder '{directory}' is gone.");
        }

        if (!entry.Enabled)
        {
            return Verification(entry, SkillVerifyOutcome.Disabled, false, entry.DisabledReason ?? "Disabled.");
        }

        var current = SkillContentHash.Compute(directory);
        if (string.Equals(current, entry.ContentHash, StringComparison.Ordinal))
        {
            return entry.Verdict == VetVerdict.Warn && !entry.WarningsApproved
                ? Verification(entry, SkillVerifyOutcome.NeedsApproval, false, NeedsApprovalReason(entry.Name, entry.Findings), current)
                : Verification(entry, SkillVerifyOutcome.Unchanged, entry.Verdict != VetVerdict.Block, null, current);
        }

        var report = await _vetter.VetAsync(directory, KnownNames(document, name), cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        switch (report.Verdict)
        {
            case VetVerdict.Block:
                var reason = $"Its files changed after they were pinned and vetting now blocks them: {FindingSummary.Of(report.Findings, FindingSeverity.Block)}. " +
                    $"Restore the original files or run 'chitin skills remove {name}'.";
                var blocked = await UpdateEntryAsync(name, e => e with { Enabled = false, Verdict = VetVerdict.Block, DisabledReason = reason, Findings = [.. report.Findings], UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
                return Verification(blocked, SkillVerifyOutcome.Blocked, false, reason, current, report);
            case VetVerdict.Warn:
                var warned = await UpdateEntryAsync(name, e => e with { ContentHash = current, Verdict = VetVerdict.Warn, WarningsApproved = false, Findings = [.. report.Findings], UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
                return Verification(warned, SkillVerifyOutcome.NeedsApproval, false, "Its files changed after they were pinned. " + NeedsApprovalReason(name, report.Findings), current, report);
            default:
                var repinned = await UpdateEntryAsync(name, e => e with { ContentHash = current, Verdict = VetVerdict.Pass, WarningsApproved = false, Findings = [.. report.Findings], UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
                return Verification(repinned, SkillVerifyOutcome.Repinned, true, null, current, report);
        }
    }

    /// <summary>
    /// <see cref="VerifyAsync(string, CancellationToken)"/> for a discovered skill. Only the installed folder itself is
    /// the library's: a project or shipped skill of the same name is <see cref="SkillVerifyOutcome.NotManaged"/>.
    /// </summary>
    public Task<SkillVerification> VerifyAsync(SkillEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        CheckedName(entry.Name);
        if (!IsInstalledFolder(entry))
        {
            return Task.FromResult(new SkillVerification { Name = entry.Name, Outcome = SkillVerifyOutcome.NotManaged, Usable = true });
        }

        return VerifyAsync(entry.Name, cancellationToken);
    }

    private bool IsInstalledFolder(SkillEntry entry) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(entry.Directory)), SkillDirectory(entry.Name), StringComparison.Ordinal);

    private Task<SkillLockEntry> UpdateEntryAsync(string name, Func<SkillLockEntry, SkillLockEntry> change, CancellationToken cancellationToken) =>
        _lock.UpdateAsync(
            d =>
            {
                if (!d.Skills.TryGetValue(name, out var entry))
                {
                    throw new SkillLibraryException($"'{name}' was removed while it was being checked. 'chitin skills list' shows what is installed.");
                }

                var updated = change(entry);
                d.Skills[name] = updated;
                return (d, updated);
            },
            cancellationToken);

    private SkillListItem ToListItem(SkillLockEntry entry)
    {
        var directory = SkillDirectory(entry.Name);
        var (status, reason) = StatusOf(entry, directory);
        return new SkillListItem
        {
            Name = entry.Name,
            Directory = directory,
            Origin = entry.Origin,
            Source = entry.Source,
            Version = entry.Version,
            PinnedHash = entry.ContentHash,
            Enabled = entry.Enabled,
            Verdict = entry.Verdict,
            WarningsApproved = entry.WarningsApproved,
            DistilledFrom = entry.DistilledFrom,
            Status = status,
            Reason = reason,
            InstalledAt = entry.InstalledAt,
            UpdatedAt = entry.UpdatedAt,
            PreviousVersions = entry.History.Count,
        };
    }

    private static (InstalledSkillStatus Status, string? Reason) StatusOf(SkillLockEntry entry, string directory)
    {
        if (!Directory.Exists(directory))
        {
            return (InstalledSkillStatus.Missing, $"Its folder '{directory}' is gone. Add it again or run 'chitin skills remove {entry.Name}'.");
        }

        if (entry.Verdict == VetVerdict.Block)
        {
            return (InstalledSkillStatus.Blocked, entry.DisabledReason ?? "Vetting blocks it.");
        }

        if (entry.Draft)
        {
            return (InstalledSkillStatus.Draft, entry.DisabledReason);
        }

        if (!entry.Enabled)
        {
            return (InstalledSkillStatus.Disabled, entry.DisabledReason ?? "Disabled.");
        }

        if (!string.Equals(SkillContentHash.Compute(directory), entry.ContentHash, StringComparison.Ordinal))
        {
            return (InstalledSkillStatus.Changed, "Its files changed after they were pinned; it is vetted again before it is used.");
        }

        return entry.Verdict == VetVerdict.Warn && !entry.WarningsApproved
            ? (InstalledSkillStatus.NeedsApproval, NeedsApprovalReason(entry.Name, entry.Findings))
            : (InstalledSkillStatus.Ready, null);
    }

    private static SkillVerification Verification(SkillLockEntry entry, SkillVerifyOutcome outcome, bool usable, string? reason, string? current = null, VetReport? report = null) => new()
    {
        Name = entry.Name,
        Outcome = outcome,
        Usable = usable,
        Reason = reason,
        PinnedHash = entry.ContentHash,
        CurrentHash = current,
        Report = report,
    };

    private static string NeedsApprovalReason(string name, IEnumerable<SkillFinding> findings) =>
        $"Vetting warns: {FindingSummary.Of(findings, FindingSeverity.Warning)}. Approve it with 'chitin skills enable {name}'.";

    private static string AlreadyInstalledReason(string name, SkillLockEntry? existing) =>
        existing is null
            ? $"A folder named '{name}' already exists in the user skills folder. Remove it first, or add with replace to keep it as version 1 and install this as version 2."
            : string.Create(
                CultureInfo.InvariantCulture,
                $"'{name}' is already installed (version {existing.Version}, from {existing.Origin}). Add with replace to install this as version {existing.Version + 1}; the current one is kept.");

    private IReadOnlyCollection<string> KnownNames(SkillLockDocument document, string except) =>
        document.Skills.Keys.Where(n => !string.Equals(n, except, StringComparison.Ordinal)).Concat(_options.KnownSkillNames).Distinct(StringComparer.Ordinal).ToList();

    private static string CheckedName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SafeName().IsMatch(name))
        {
            throw new SkillLibraryException($"'{name}' is not a skill name: use letters, digits, '.', '_' and '-' only (skill names are lowercase with hyphens).");
        }

        return name;
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            DeleteDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Staging leftovers are private scratch space; the next add uses a fresh folder.
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
