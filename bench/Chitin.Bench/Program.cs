using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Chitin.Bench;

// dotnet run -c Release --project bench/Chitin.Bench -- [step|cli|all] [--quick]
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var quick = args.Contains("--quick");

if (mode is "step" or "all")
{
    var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
    job = quick ? job.WithWarmupCount(2).WithIterationCount(5) : job.WithWarmupCount(3).WithIterationCount(15);
    var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
    var summary = BenchmarkRunner.Run<AgentStepBenchmarks>(config);
    foreach (var report in summary.Reports)
    {
        var medianMs = report.ResultStatistics is { } s ? s.Median / 1_000_000 : double.NaN;
        Console.WriteLine($"RESULT harness overhead per agent step: median {medianMs:0.000} ms (target ≤ 1 ms)");
    }
}

if (mode is "cli" or "all")
{
    return await CliTaskBenchmark.RunAsync(quick ? 5 : 20);
}

return 0;
