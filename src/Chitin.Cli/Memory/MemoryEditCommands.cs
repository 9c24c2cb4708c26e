namespace Chitin.Cli.Memory;

/// <summary><c>chitin memory add|forget|conflicts</c>.</summary>
internal static class MemoryEditCommands
{
    public static Command Add(CommandRuntime runtime)
    {
        var text = new Argument<string>("text") { Description = "The fact, preference, decision or procedure, as one self-contained sentence." };
        var layer = MemoryOptions.Layer("Kind of knowledge (default semantic)");
        var scope = MemoryOptions.Scope("Who shares it (default user)");
        var tags = new Option<string[]>("--tag", "-t") { Description = "A tag; repeat for several.", HelpName = "tag", AllowMultipleArgumentsPerToken = false };
        var pin = new Option<bool>("--pin") { Description = "Always include it in the memory digest of new sessions." };
        var expires = new Option<string?>("--expires") { Description = "Date (yyyy-mm-dd) or time after which it is no longer true.", HelpName = "date" };
        var agent = MemoryOptions.Agent();
        var json = MemoryOptions.Json("what the save did and the stored item");
        var command = new Command("add", "Remember something. A newer fact about the same subject supersedes the older one.") { text, layer, scope, tags, pin, expires, agent, json };
        command.SetAction((parse, ct) => MemorySession.RunAsync(runtime, parse.GetValue(agent)!, ct, async (session, token) =>
        {
            var value = parse.GetValue(text)!;
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new MemoryUsageException("the text is empty: say what to remember");
            }

            var draft = new MemoryDraft
            {
                Text = value.Trim(),
                Layer = MemoryOptions.ParseLayer(parse.GetValue(layer)) ?? MemoryLayer.Semantic,
                Scope = MemoryOptions.ParseScope(parse.GetValue(scope)) ?? MemoryScope.User,
                Tags = [.. (parse.GetValue(tags) ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)],
                Pinned = parse.GetValue(pin),
                ExpiresAt = ParseExpiry(parse.GetValue(expires), session.Now),
                Source = new MemorySource(MemorySourceKind.Cli),
            };
            if (draft.Scope == MemoryScope.Session)
            {
                throw new MemoryUsageException("--scope session needs a session; from the command line use user, project or agent");
            }

            var result = await session.Store.SaveAsync(draft, session.Viewer, token);
            var output = new MemorySaveOutput(result.Action.ToString().ToLowerInvariant(), MemoryItemOutput.From(result.Item, session.Now), result.SupersededIds, result.ConflictIds);
            if (parse.GetValue(json))
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(output, CliJsonContext.Default.MemorySaveOutput));
                return ExitCodes.Ok;
            }

            runtime.Output.Line(result.Action switch
            {
                MemorySaveAction.Duplicate => $"already known as {result.Item.Id}",
                MemorySaveAction.Superseded => $"saved {result.Item.Id}; it supersedes {string.Join(", ", result.SupersededIds)}",
                MemorySaveAction.Conflict => $"saved {result.Item.Id}; it may contradict {string.Join(", ", result.ConflictIds)}: settle it with chitin memory conflicts",
                _ => $"saved {result.Item.Id}",
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Forget(CommandRuntime runtime)
    {
        var id = new Argument<string>("id") { Description = "Memory id (mem_...)." };
        var reason = new Option<string?>("--reason") { Description = "Why it is no longer true; kept in the item's history.", HelpName = "text" };
        var delete = new Option<bool>("--delete") { Description = "Erase the item and its text for good (the history keeps only that it was deleted)." };
        var json = MemoryOptions.Json("the result");
        var command = new Command("forget", "Mark a memory as no longer true (kept in history), or erase it with --delete.") { id, reason, delete, json };
        command.SetAction((parse, ct) => MemorySession.RunAsync(runtime, "default", ct, async (session, token) =>
        {
            var itemId = parse.GetValue(id)!;
            bool found;
            if (parse.GetValue(delete))
            {
                found = await session.Store.DeleteAsync(itemId, token);
            }
            else
            {
                var why = parse.GetValue(reason);
                if (string.IsNullOrWhiteSpace(why))
                {
                    throw new MemoryUsageException("--reason is required: say why the memory is no longer true (or use --delete to erase it)");
                }

                found = await session.Store.ForgetAsync(itemId, why.Trim(), token) is not null;
            }

            if (!found)
            {
                return runtime.Fail(ExitCodes.TaskFailed, $"no memory item '{itemId}'; find ids with chitin memory search \"...\"");
            }

            var status = parse.GetValue(delete) ? "deleted" : "forgotten";
            return runtime.Print(parse.GetValue(json), new CommandResultOutput(status, Path: itemId), CliJsonContext.Default.CommandResultOutput, $"{status} {itemId}");
        }));
        return command;
    }

    public static Command Conflicts(CommandRuntime runtime)
    {
        var resolve = new Option<long?>("--resolve") { Description = "Settle this conflict (id from the list) with --keep.", HelpName = "id" };
        var keep = new Option<string?>("--keep") { Description = "incoming (the newer item wins), existing (the older wins) or both (no contradiction).", HelpName = "which" };
        var json = MemoryOptions.Json("the open conflicts");
        var command = new Command("conflicts", "List pairs of memories that may contradict each other, and settle them.") { resolve, keep, json };
        command.SetAction((parse, ct) => MemorySession.RunAsync(runtime, "default", ct, async (session, token) =>
        {
            if (parse.GetValue(resolve) is { } conflictId)
            {
                var resolution = parse.GetValue(keep)?.Trim().ToLowerInvariant() switch
                {
                    "incoming" => ConflictResolution.KeepIncoming,
                    "existing" => ConflictResolution.KeepExisting,
                    "both" => ConflictResolution.KeepBoth,
                    var other => throw new MemoryUsageException($"--keep must be incoming, existing or both, got '{other ?? "nothing"}'"),
                };
                await session.Store.ResolveConflictAsync(conflictId, resolution, token);
                runtime.Error.Line(string.Create(CultureInfo.InvariantCulture, $"conflict {conflictId} settled"));
            }
            else if (parse.GetValue(keep) is not null)
            {
                throw new MemoryUsageException("--keep needs --resolve <id>");
            }

            var conflicts = await session.Store.ListConflictsAsync(token);
            var output = conflicts.Select(c => new MemoryConflictOutput(c.Id, MemoryItemOutput.From(c.Existing, session.Now), MemoryItemOutput.From(c.Incoming, session.Now), c.Reason, c.At)).ToList();
            var asJson = parse.GetValue(json);
            runtime.PrintTable(
                asJson,
                output,
                CliJsonContext.Default.ListMemoryConflictOutput,
                output,
                "no open conflicts",
                ["id", "existing", "incoming", "why"],
                c => [c.Id.ToString(CultureInfo.InvariantCulture), Units.OneLine(c.Existing.Text, 40), Units.OneLine(c.Incoming.Text, 40), c.Reason]);
            if (!asJson && output.Count > 0)
            {
                runtime.Error.Line("settle one with chitin memory conflicts --resolve <id> --keep incoming|existing|both");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static DateTimeOffset? ParseExpiry(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw new MemoryUsageException($"--expires must be a date like 2027-01-31 or an ISO time, got '{text}'");
        }

        return at <= now ? throw new MemoryUsageException($"--expires {text} is in the past") : at;
    }
}
