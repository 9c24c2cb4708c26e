namespace Chitin.Cli.Memory;

/// <summary><c>chitin memory search|list|show|stats</c>.</summary>
internal static class MemoryReadCommands
{
    public static Command Search(CommandRuntime runtime)
    {
        var query = new Argument<string>("query") { Description = "What to look for, in your own words." };
        var limit = new Option<int>("--limit", "-n") { Description = "Most results, best first.", DefaultValueFactory = _ => 10, HelpName = "N" };
        var mode = new Option<string>("--mode") { Description = "hybrid (BM25 and vectors fused), lexical (BM25 only) or vector.", DefaultValueFactory = _ => "hybrid", HelpName = "mode" };
        var scope = MemoryOptions.Scope("Only this scope");
        var layer = MemoryOptions.Layer("Only this layer");
        var history = MemoryOptions.History("Also find superseded, forgotten and expired items.");
        var agent = MemoryOptions.Agent();
        var json = MemoryOptions.Json("a JSON array of items (id, text, layer, scope, score, ...), best first");
        var command = new Command("search", "Find memories by meaning and keywords (hybrid BM25 + vector search), best first.") { query, limit, mode, scope, layer, history, agent, json };
        command.SetAction((parse, ct) => MemorySession.RunAsync(runtime, parse.GetValue(agent)!, ct, async (session, token) =>
        {
            var max = MemoryOptions.Limit(parse.GetValue(limit), most: 1000);

            if (!Enum.TryParse<RetrievalMode>(parse.GetValue(mode), ignoreCase: true, out var retrieval) || !Enum.IsDefined(retrieval))
            {
                throw new MemoryUsageException($"--mode must be hybrid, lexical or vector, got '{parse.GetValue(mode)}'");
            }

            var text = parse.GetValue(query)!;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new MemoryUsageException("the query is empty: say what to look for");
            }

            var hits = await session.Store.SearchAsync(
                new MemorySearchQuery
                {
                    Text = text,
                    Viewer = session.Viewer,
                    Scopes = MemoryOptions.ParseScope(parse.GetValue(scope)) is { } s ? [s] : null,
                    Layers = MemoryOptions.ParseLayer(parse.GetValue(layer)) is { } l ? [l] : null,
                    Limit = max,
                    IncludeHistory = parse.GetValue(history),
                    Mode = retrieval,
                },
                token);
            var items = hits.Select(h => MemoryItemOutput.From(h.Item, session.Now, h.Score)).ToList();
            return PrintItems(runtime, items, parse.GetValue(json), withScore: true, "no memory matches; add one with chitin memory add \"...\"");
        }));
        return command;
    }

    public static Command List(CommandRuntime runtime)
    {
        var limit = new Option<int>("--limit", "-n") { Description = "Most items, newest first.", DefaultValueFactory = _ => 50, HelpName = "N" };
        var scope = MemoryOptions.Scope("Only this scope");
        var layer = MemoryOptions.Layer("Only this layer");
        var pinned = new Option<bool>("--pinned") { Description = "Only pinned items." };
        var history = MemoryOptions.History("Also list superseded, forgotten and expired items.");
        var all = new Option<bool>("--all-agents") { Description = "List every agent's and session's items (you own the store); default: what --agent sees here." };
        var agent = MemoryOptions.Agent();
        var json = MemoryOptions.Json("a JSON array of items");
        var command = new Command("list", "List stored memories, newest first.") { limit, scope, layer, pinned, history, all, agent, json };
        command.SetAction((parse, ct) => MemorySession.RunAsync(runtime, parse.GetValue(agent)!, ct, async (session, token) =>
        {
            var max = MemoryOptions.Limit(parse.GetValue(limit), most: 100_000);

            var items = await session.Store.ListAsync(
                new MemoryListQuery
                {
                    Viewer = parse.GetValue(all) ? null : session.Viewer,
                    Scopes = MemoryOptions.ParseScope(parse.GetValue(scope)) is { } s ? [s] : null,
                    Layers = MemoryOptions.ParseLayer(parse.GetValue(layer)) is { } l ? [l] : null,
                    PinnedOnly = parse.GetValue(pinned),
                    IncludeHistory = parse.GetValue(history),
                    Limit = max,
                },
                token);
            var output = items.Select(i => MemoryItemOutput.From(i, session.Now)).ToList();
            return PrintItems(runtime, output, parse.GetValue(json), withScore: false, "no memories yet; add one with chitin memory add \"...\" or import a MEMORY.md with chitin memory import");
        }));
        return command;
    }

    public static Command Show(CommandRuntime runtime)
    {
        var id = new Argument<string>("id") { Description = "Memory id (mem_...), as shown by search or list." };
        var history = MemoryOptions.History("Also show every change of the item: how the fact evolved.");
        var json = MemoryOptions.Json("the item (and its history)");
        var command = new Command("show", "Show one memory item, and with --history how it evolved.") { id, history, json };
        command.SetAction((parse, ct) => MemorySession.RunAsync(runtime, "default", ct, async (session, token) =>
        {
            var itemId = parse.GetValue(id)!;
            if (await session.Store.GetAsync(itemId, token) is not { } item)
            {
                return runtime.Fail(ExitCodes.TaskFailed, $"no memory item '{itemId}'; find ids with chitin memory search \"...\" or chitin memory list");
            }

            var entries = parse.GetValue(history) ? await session.Store.GetHistoryAsync(itemId, token) : null;
            var output = new MemoryShowOutput(MemoryItemOutput.From(item, session.Now), entries);
            if (parse.GetValue(json))
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(output, CliJsonContext.Default.MemoryShowOutput));
                return ExitCodes.Ok;
            }

            var i = output.Item;
            runtime.Output.Table(
                ["field", "value"],
                [
                    ["id", i.Id],
                    ["text", i.Text],
                    ["layer", i.Layer],
                    ["scope", i.ScopeKey.Length == 0 ? i.Scope : $"{i.Scope} ({i.ScopeKey})"],
                    ["status", i.Current ? "current" : i.EndReason ?? "ended"],
                    ["subject", i.Subject ?? ""],
                    ["tags", string.Join(", ", i.Tags)],
                    ["pinned", i.Pinned ? "yes" : "no"],
                    ["source", i.SourceReference is null ? i.SourceKind : $"{i.SourceKind} {i.SourceReference}{(i.SourceLine is { } line ? ":" + line.ToString(CultureInfo.InvariantCulture) : "")}"],
                    ["valid", $"{Units.Time(i.ValidFrom)} – {(i.ValidTo is { } to ? Units.Time(to) : "now")}"],
                    ["supersedes", i.Supersedes ?? ""],
                    ["superseded by", i.SupersededBy ?? ""],
                ]);
            if (entries is not null)
            {
                runtime.Context.Out.WriteLine();
                runtime.Output.Table(
                    ["when", "change", "text", "reason"],
                    entries.Select(e => (IReadOnlyList<string>)[Units.Time(e.At), StoredNames.Name(e.Change), Units.OneLine(e.Text, 60), e.Reason ?? e.RelatedId ?? ""]));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Stats(CommandRuntime runtime)
    {
        var json = MemoryOptions.Json("the counts");
        var command = new Command("stats", "Count stored memories by layer, scope and state.") { json };
        command.SetAction((parse, ct) => MemorySession.RunAsync(runtime, "default", ct, async (session, token) =>
        {
            var stats = await session.Store.GetStatsAsync(token);
            if (parse.GetValue(json))
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(stats, CliJsonContext.Default.MemoryStats));
                return ExitCodes.Ok;
            }

            static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
            var rows = new List<IReadOnlyList<string>>
            {
                new[] { "total", N(stats.Total) },
                new[] { "current", N(stats.Current) },
                new[] { "superseded or forgotten", N(stats.Superseded) },
                new[] { "expired", N(stats.Expired) },
                new[] { "pinned", N(stats.Pinned) },
                new[] { "open conflicts", N(stats.OpenConflicts) },
            };
            rows.AddRange(stats.ByLayer.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<string>)[$"layer {p.Key}", N(p.Value)]));
            rows.AddRange(stats.ByScope.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<string>)[$"scope {p.Key}", N(p.Value)]));
            rows.Add(["embedder", stats.Embedder]);
            rows.Add(["embedded", N(stats.Embedded)]);
            rows.Add(["awaiting the indexer (found by lexical search until then)", N(stats.AwaitingEmbedding)]);
            runtime.Output.Table(["what", "count"], rows, 1);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The items as a JSON array, or as a table (<paramref name="whenEmpty"/> on stderr when there are none).</summary>
    private static int PrintItems(CommandRuntime runtime, List<MemoryItemOutput> items, bool json, bool withScore, string whenEmpty)
    {
        var headers = withScore ? new[] { "id", "score", "layer", "scope", "updated", "text" } : ["id", "layer", "scope", "updated", "text"];
        return runtime.PrintTable(
            json,
            items,
            CliJsonContext.Default.ListMemoryItemOutput,
            items,
            whenEmpty,
            headers,
            i =>
            {
                var scope = i.Current ? i.Scope : $"{i.Scope} (ended)";
                return withScore
                    ? [i.Id, (i.Score ?? 0).ToString("0.000", CultureInfo.InvariantCulture), i.Layer, scope, Units.Time(i.UpdatedAt), Units.OneLine(i.Text, 70)]
                    : [i.Id, i.Layer, scope, Units.Time(i.UpdatedAt), Units.OneLine(i.Text, 70)];
            },
            withScore ? [1] : []);
    }
}
