using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Chitin.Bench;
using Chitin.Bench.Checkpoints;
using Chitin.Bench.Gateway;
using Chitin.Bench.Memory;
using Chitin.Bench.Routing;
using Chitin.Bench.Skills;
using Chitin.Bench.Tools;
using Chitin.Bench.WebUi;

// dotnet run -c Release --project bench/Chitin.Bench -- [step|permissions|routing|routing-decision|context|tools|memory|memory-import [count]|memory-search [db path] [--analyse|--save] [--minilm] [--threads n]|minilm [count] [--threads n]|memory-eval|skills|checkpoints|gateway|webui|cli|aot-roots|all] [--quick]
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var quick = args.Contains("--quick");

var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
job = quick ? job.WithWarmupCount(2).WithIterationCount(5) : job.WithWarmupCount(3).WithIterationCount(15);
var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);

if (mode is "step" or "all")
{
    foreach (var report in BenchmarkRunner.Run<AgentStepBenchmarks>(config).Reports)
    {
        var medianMs = report.ResultStatistics is { } s ? s.Median / 1_000_000 : double.NaN;
        Console.WriteLine(FormattableString.Invariant($"RESULT harness overhead per agent step (loop + tool dispatch + SQLite): median {medianMs:0.000} ms (target ≤ 1 ms)"));
    }
}

if (mode is "permissions" or "all")
{
    foreach (var report in BenchmarkRunner.Run<PermissionBenchmarks>(config).Reports)
    {
        var medianUs = report.ResultStatistics is { } s ? s.Median / 1_000 : double.NaN;
        Console.WriteLine(FormattableString.Invariant($"RESULT permission {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo}: median {medianUs:0.0} µs incl. audit write (target ≤ 20 µs)"));
    }
}

if (mode is "routing-decision")
{
    RoutingDecisionLoop.Run();
    return 0;
}

if (mode is "routing" or "all")
{
    foreach (var report in BenchmarkRunner.Run<RoutingDecisionBenchmarks>(config).Reports)
    {
        var medianUs = report.ResultStatistics is { } s ? s.Median / 1_000 : double.NaN;
        Console.WriteLine(FormattableString.Invariant($"RESULT {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo}: median {medianUs:0.00} µs (target ≤ 50 µs)"));
    }

    RoutingDecisionLoop.Run();
    var code = await RoutedSessionBenchmark.RunAsync(quick ? 1 : 3, CancellationToken.None);
    if (code != 0)
    {
        return code;
    }
}

if (mode is "agents" or "all")
{
    var code = await Chitin.Bench.Agents.AgentsBenchmark.RunAsync(quick);
    if (code != 0)
    {
        return code;
    }
}

if (mode is "context" or "all")
{
    var code = await ContextBenchmark.RunAsync();
    if (code != 0)
    {
        return code;
    }
}

if (mode is "tools" or "all")
{
    var code = await ToolDeferralBenchmark.RunAsync(quick);
    if (code != 0)
    {
        return code;
    }
}

if (mode is "memory" or "all")
{
    var code = await MemoryBenchmark.RunAsync(quick, CancellationToken.None);
    if (code != 0)
    {
        return code;
    }
}

if (mode is "memory-import")
{
    var count = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : MemoryBenchmark.SearchItems;
    return await MemoryBenchmark.ImportOnlyAsync(count, CancellationToken.None);
}

if (mode is "memory-search")
{
    var options = new MemorySearchOptions(args.Contains("--analyse"), args.Contains("--save"), args.Contains("--minilm"), IntOption(args, "--threads"));
    return await MemorySearchBenchmark.RunAsync(args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)), options, CancellationToken.None);
}

if (mode is "minilm")
{
    var count = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && int.TryParse(a, out _)) is { } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 2_000;
    return await MiniLmThroughputBenchmark.RunAsync(count, IntOption(args, "--threads"), CancellationToken.None);
}

if (mode is "memory-eval" or "all")
{
    var code = await MemoryEvalBenchmark.RunAsync(quick, CancellationToken.None);
    if (code != 0)
    {
        return code;
    }
}

if (mode is "skills" or "all")
{
    var code = await SkillIndexBenchmark.RunAsync(quick, CancellationToken.None);
    if (code == 0)
    {
        code = await VetBenchmark.RunAsync(quick, CancellationToken.None);
    }

    if (code != 0)
    {
        return code;
    }
}

if (mode is "checkpoints" or "all")
{
    var code = await CheckpointBenchmark.RunAsync(quick, CancellationToken.None);
    if (code != 0)
    {
        return code;
    }
}

if (mode is "gateway" or "all")
{
    var code = await GatewayBenchmark.RunAsync(quick, CancellationToken.None);
    if (code != 0)
    {
        return code;
    }
}

if (mode is "webui" or "all")
{
    var code = await WebUiBenchmark.RunAsync(quick, CancellationToken.None);
    if (code != 0)
    {
        return code;
    }
}

if (mode is "aot-roots")
{
    return await Chitin.Bench.Aot.AnthropicAotRoots.RunAsync();
}

if (mode is "cli" or "all")
{
    return await CliTaskBenchmark.RunAsync(quick ? 5 : 20);
}

return 0;

// The integer after a flag such as "--threads 2", or null when the flag is absent.
static int? IntOption(string[] arguments, string flag)
{
    var at = Array.IndexOf(arguments, flag);
    return at >= 0 && at + 1 < arguments.Length ? int.Parse(arguments[at + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
}
