namespace Chitin.Skills.Library;

/// <summary>Installing a staged skill: validate, vet, then move it into place and pin it in the lock file.</summary>
public sealed partial class SkillLibrary
{
    private async Task<SkillAddResult> InstallStagedAsync(StagedSkill staged, string source, SkillAddOptions options, CancellationToken cancellationToken)
    {
        var document = SkillDocument.Load(staged.Directory);
        if (!document.IsValid)
        {
            return new SkillAddResult
            {
                Outcome = SkillAddOutcome.Invalid,
                Name = document.Manifest?.Name,
                Findings = document.Findings,
                Reason = $"SKILL.md does not follow the Agent Skills specification: {FindingSummary.Of(document.Findings, FindingSeverity.Block)}. Nothing was installed.",
            };
        }

        var name = document.Manifest!.Name;
        var state = _lock.Read();
        state.Skills.TryGetValue(name, out var existing);
        if (!options.Replace && (existing is not null || Directory.Exists(SkillDirectory(name))))
        {
            return new SkillAddResult { Outcome = SkillAddOutcome.AlreadyInstalled, Name = name, Reason = AlreadyInstalledReason(name, existing) };
        }

        var hash = SkillContentHash.Compute(staged.Directory);
        var report = await _vetter.VetAsync(staged.Directory, KnownNames(state, name), cancellationToken).ConfigureAwait(false);
        if (report.Verdict == VetVerdict.Block)
        {
            return new SkillAddResult
            {
                Outcome = SkillAddOutcome.Blocked,
                Name = name,
                Report = report,
                Findings = report.Findings,
                Reason = $"Vetting blocks '{name}': {FindingSummary.Of(report.Findings, FindingSeverity.Block)}. Nothing was installed.",
            };
        }

        if (report.Verdict == VetVerdict.Warn && !options.AsDraft && !options.ApproveWarnings && options.ConfirmWarnings?.Invoke(report) != true)
        {
            return new SkillAddResult
            {
                Outcome = SkillAddOutcome.NeedsApproval,
                Name = name,
                Report = report,
                Findings = report.Findings,
                Reason = $"Vetting warns about '{name}': {FindingSummary.Of(report.Findings, FindingSeverity.Warning)}. " +
                    "Read the findings; add it again with approval of the warnings to install it. Nothing was installed.",
            };
        }

        var origin = options.Origin ?? source;
        var kind = options.DistilledFrom is null ? staged.Source : SkillSourceKind.Distilled;
        var installed = await _lock.UpdateAsync(d => Install(d, staged.Directory, name, hash, report, options, origin, kind), cancellationToken).ConfigureAwait(false);
        if (installed is null)
        {
            // Another process installed the same name between the check above and the lock.
            return new SkillAddResult { Outcome = SkillAddOutcome.AlreadyInstalled, Name = name, Reason = AlreadyInstalledReason(name, _lock.Read().Skills.GetValueOrDefault(name)) };
        }

        return new SkillAddResult { Outcome = SkillAddOutcome.Installed, Name = name, Report = report, Findings = report.Findings, Installed = ToListItem(installed) };
    }

    /// <summary>Moves the staged folder into place (archiving the current version) and records it; null when the name is taken and replacing was not asked for.</summary>
    private (SkillLockDocument?, SkillLockEntry?) Install(
        SkillLockDocument document,
        string staged,
        string name,
        string hash,
        VetReport report,
        SkillAddOptions options,
        string origin,
        SkillSourceKind kind)
    {
        var target = SkillDirectory(name);
        document.Skills.TryGetValue(name, out var existing);
        var targetExists = Directory.Exists(target);
        if (!options.Replace && (existing is not null || targetExists))
        {
            return (null, null);
        }

        var now = _time.GetUtcNow();
        var history = existing?.History.ToList() ?? [];
        var version = (existing?.Version ?? 0) + 1;
        string? archived = null;
        if (targetExists)
        {
            // A hand-copied folder of the same name becomes version 1 of the history.
            var previous = existing?.Version ?? 1;
            archived = VersionDirectory(name, previous);
            DeleteDirectory(archived);
            Directory.CreateDirectory(Path.GetDirectoryName(archived)!);
            Directory.Move(target, archived);
            history.Add(new SkillVersionInfo(
                previous,
                existing?.ContentHash ?? SkillContentHash.Compute(archived),
                existing?.Origin ?? target,
                existing?.Source ?? SkillSourceKind.Folder,
                existing?.DistilledFrom,
                existing?.InstalledAt ?? now,
                now));
            version = previous + 1;
        }

        Directory.CreateDirectory(_options.SkillsDirectory);
        try
        {
            Directory.Move(staged, target);
        }
        catch (IOException) when (archived is not null)
        {
            Directory.Move(archived, target);
            throw;
        }

        var entry = new SkillLockEntry
        {
            Name = name,
            Origin = origin,
            Source = kind,
            Version = version,
            ContentHash = hash,
            Enabled = !options.AsDraft,
            Verdict = report.Verdict,
            WarningsApproved = report.Verdict == VetVerdict.Warn && !options.AsDraft,
            Draft = options.AsDraft,
            DistilledFrom = options.DistilledFrom,
            DisabledReason = options.AsDraft
                ? $"Draft distilled from session {options.DistilledFrom}: review it with 'chitin skills show {name}', then 'chitin skills enable {name}'."
                : null,
            InstalledAt = now,
            UpdatedAt = now,
            Findings = [.. report.Findings],
            History = history,
        };
        document.Skills[name] = entry;
        document.DisabledOthers.Remove(name);
        return (document, entry);
    }
}
