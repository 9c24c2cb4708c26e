using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Bench.Gateway;

/// <summary>
/// The gateway as users run it (chitin-gateway in its own process) against the scripted model server: RSS idle and
/// with 100 sessions, added latency per streamed completion vs the same request sent straight to the model server,
/// and 1,000 concurrent streaming sessions (none may be lost).
/// </summary>
internal static class GatewayBenchmark
{
    private const string Answer = "The gateway streams this answer back in a handful of chunks.";

    /// <summary>
    /// What a model answers memory capture (its JSON-mode call) when there is nothing to remember. Answered with prose,
    /// capture keeps its mark and re-sends the whole uncaptured transcript at every later turn.
    /// </summary>
    private const string NoFacts = """{"facts":[]}""";

    public static async Task<int> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("chitin-bench-gateway-").FullName;
        try
        {
            await using var model = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(r => r.JsonMode ? ScriptStep.Text(NoFacts) : ScriptStep.Text(Answer)), new ScriptedModelServerOptions { MaxRecordedRequests = 50 }, cancellationToken);
            var home = Path.Combine(root, "home");
            var workspace = Path.Combine(root, "workspace");
            Directory.CreateDirectory(home);
            Directory.CreateDirectory(workspace);
            if (Environment.GetEnvironmentVariable("CHITIN_BENCH_GATEWAY_CONFIG") is { Length: > 0 } config)
            {
                // For experiments: the gateway's user config file (e.g. {"memory":{"capture":false}}).
                await File.WriteAllTextAsync(Path.Combine(home, "config.json"), config, cancellationToken);
            }

            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["CHITIN_HOME"] = home,
                ["HOME"] = root,
                ["OPENAI_BASE_URL"] = model.BaseUrl + "/v1",
                ["CHITIN_MODEL"] = model.Models[0],
            };
            foreach (var pair in (Environment.GetEnvironmentVariable("CHITIN_BENCH_GATEWAY_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                // For profiling: extra variables for the gateway process only (e.g. DOTNET_PerfMapEnabled=1).
                var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                environment[name] = value;
            }

            var port = FreePort();
            using var gateway = await GatewayProcess.StartAsync(port, environment, workspace);
            var token = (await File.ReadAllTextAsync(Path.Combine(home, "gateway", "token"), cancellationToken)).Trim();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2_000 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            (await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken)).EnsureSuccessStatusCode();
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var idle = gateway.RssMb();
            Console.WriteLine(FormattableString.Invariant($"RESULT gateway RSS idle: {idle:0.0} MB (target ≤ 120 MB)"));

            // Warm-up, then the body the gateway sends the model, replayed straight to the model server as the baseline.
            // A gateway runs for days: the measured rounds start once tiered compilation has promoted the per-turn code
            // (a method is recompiled optimised after 30 calls), not while it is still compiling it. At least
            // CHITIN_BENCH_GATEWAY_WARMUP rounds (200), then blocks of 100 until the JIT's tiered recompilation took under
            // 5 % of the gateway's CPU in a block, at most CHITIN_BENCH_GATEWAY_WARMUP_MAX rounds (3,000; a loaded machine
            // starves the JIT's background thread, so settling takes longer there).
            var warmUp = int.TryParse(Environment.GetEnvironmentVariable("CHITIN_BENCH_GATEWAY_WARMUP"), CultureInfo.InvariantCulture, out var w) ? w : 200;
            var maxWarmUp = Math.Max(warmUp, int.TryParse(Environment.GetEnvironmentVariable("CHITIN_BENCH_GATEWAY_WARMUP_MAX"), CultureInfo.InvariantCulture, out var m) ? m : 3_000);
            var warmed = 0;
            var settled = false;
            while (warmed < maxWarmUp && !settled)
            {
                var block = warmed < warmUp ? Math.Min(warmUp, maxWarmUp) - warmed : Math.Min(100, maxWarmUp - warmed);
                var (cpu, jit) = (gateway.CpuTime(), gateway.TieredCompilationTicks());
                for (var i = 0; i < block; i++)
                {
                    await ThroughGatewayAsync(http, "warm-" + warmed++, cancellationToken);
                }

                var compiling = GatewayProcess.TieredCompilationBetween(jit, gateway.TieredCompilationTicks(), out var complete);
                settled = warmed >= warmUp && complete && compiling.TotalMilliseconds < 0.05 * (gateway.CpuTime() - cpu).TotalMilliseconds;
            }

            var body = TurnBody(model);
            using var direct = new HttpClient { BaseAddress = new Uri(model.BaseUrl + "/") };
            var rounds = quick ? 100 : 300;
            var directMs = new List<double>();
            var gatewayMs = new List<double>();
            Console.WriteLine(FormattableString.Invariant($"PHASE new-session rounds start ({warmed} warm-up rounds done, JIT {(settled ? "settled" : "still recompiling")})"));
            Console.WriteLine(FormattableString.Invariant($"RESULT gateway warm-up: {warmed} rounds (JIT {(settled ? "settled: its tiered recompilation under 5 % of the gateway's CPU over the last block" : "not settled within the maximum")})"));
            var cpuBefore = gateway.CpuTime();
            var jitBefore = gateway.TieredCompilationTicks();
            for (var i = 0; i < rounds; i++)
            {
                directMs.Add(await DirectAsync(direct, body, cancellationToken));
                gatewayMs.Add(await ThroughGatewayAsync(http, "seq-" + i, cancellationToken));
            }

            var cpuPerTurn = (gateway.CpuTime() - cpuBefore).TotalMilliseconds / rounds;
            var jitPerTurn = GatewayProcess.TieredCompilationBetween(jitBefore, gateway.TieredCompilationTicks(), out var jitComplete).TotalMilliseconds / rounds;
            Console.WriteLine("PHASE new-session rounds end");
            Console.WriteLine(FormattableString.Invariant($"RESULT gateway CPU per completion (new session each): {cpuPerTurn:0.00} ms, of which the JIT's tiered recompilation {(jitComplete ? "" : "at least ")}{jitPerTurn:0.00} ms (still warming up when large); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));

            var added = Median(gatewayMs) - Median(directMs);
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT gateway added latency per streamed completion: median {added:0.00} ms (gateway {Median(gatewayMs):0.00} ms, direct {Median(directMs):0.00} ms; p95 {Percentile(gatewayMs, 0.95):0.00} vs {Percentile(directMs, 0.95):0.00} ms; {rounds} rounds) (target ≤ 5 ms)"));

            // One session, turn after turn: the request grows with the transcript, so each turn is paired with the
            // same growing body sent straight to the model server; the difference should stay flat.
            var sameAdded = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var through = await ThroughGatewayAsync(http, "same", cancellationToken);
                sameAdded.Add(through - await DirectAsync(direct, TurnBody(model), cancellationToken));
            }

            Console.WriteLine(FormattableString.Invariant(
                $"RESULT gateway added latency in one growing session: median {Median(sameAdded):0.00} ms over {rounds} turns (turns 1-20 {Median(sameAdded.Take(20).ToList()):0.00} ms, last 20 {Median(sameAdded.TakeLast(20).ToList()):0.00} ms)"));

            await Task.WhenAll(Enumerable.Range(0, 100).Select(i => ThroughGatewayAsync(http, "active-" + i, cancellationToken)));
            Console.WriteLine(FormattableString.Invariant($"RESULT gateway RSS with 100 active sessions: {gateway.RssMb():0.0} MB (idle {idle:0.0} MB)"));

            const int concurrent = 1_000;
            var wall = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, concurrent).Select(i => TryThroughGatewayAsync(http, "load-" + i, cancellationToken)));
            wall.Stop();
            var completed = results.Where(r => r is not null).Select(r => r!.Value).ToList();
            var directMedian = Median(directMs);
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT gateway 1,000 concurrent streaming sessions: {completed.Count} completed, {concurrent - completed.Count} lost, wall {wall.Elapsed.TotalSeconds:0.00} s; latency p50 {Percentile(completed, 0.5):0} ms, p95 {Percentile(completed, 0.95):0} ms; p95 added vs direct {Percentile(completed, 0.95) - directMedian:0} ms; RSS {gateway.RssMb():0.0} MB (target: none lost)"));
            return completed.Count == concurrent ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<double?> TryThroughGatewayAsync(HttpClient http, string session, CancellationToken ct)
    {
        try
        {
            return await ThroughGatewayAsync(http, session, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidDataException or TaskCanceledException)
        {
            Console.Error.WriteLine($"lost {session}: {ex.Message}");
            return null;
        }
    }

    private static async Task<double> ThroughGatewayAsync(HttpClient http, string session, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new StringContent($$"""{"model":"chitin","stream":true,"user":"{{session}}","messages":[{"role":"user","content":"Say something."}]}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("v1/chat/completions", UriKind.Relative), content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || !text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal) || !text.Contains("handful", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"status {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}");
        }

        return elapsed;
    }

    private static async Task<double> DirectAsync(HttpClient http, string body, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("v1/chat/completions", UriKind.Relative), content, ct);
        _ = await response.Content.ReadAsStringAsync(ct);
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>The body of the latest turn's own model request (memory capture's JSON-mode call runs after the reply).</summary>
    private static string TurnBody(ScriptedModelServer model) => model.Requests.Last(r => r.Parsed?.JsonMode != true).Body;

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
