using System.Diagnostics;
using System.Globalization;

namespace Chitin.Bench.Routing;

/// <summary>The routing decision timed in batches by hand as a cross-check of BenchmarkDotNet on a busy machine.</summary>
public static class RoutingDecisionLoop
{
    public static void Run(int batches = 15, int callsPerBatch = 5_000)
    {
        var bench = new RoutingDecisionBenchmarks();
        bench.Setup();
        try
        {
            for (int i = 0; i < callsPerBatch; i++)
            {
                bench.Decide();
            }

            var perCall = new List<double>();
            for (int b = 0; b < batches; b++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < callsPerBatch; i++)
                {
                    bench.Decide();
                }

                perCall.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / callsPerBatch);
            }

            perCall.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT routing decision (hand-timed, {batches}×{callsPerBatch} calls): median {perCall[batches / 2]:0.00} µs, best batch {perCall[0]:0.00} µs (target ≤ 50 µs)"));
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
