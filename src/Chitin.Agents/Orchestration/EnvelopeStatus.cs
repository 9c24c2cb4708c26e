using Chitin.Core.Agents;

namespace Chitin.Agents.Orchestration;

/// <summary>The status a completion envelope carries, decided by the runtime from how the run ended — never from the model's text.</summary>
public static class EnvelopeStatus
{
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Timeout = "timeout";
    public const string Killed = "killed";
    public const string BudgetExceeded = "budget_exceeded";

    public static string From(RunStatus status, bool killed, bool timedOut) =>
        killed ? Killed
        : timedOut ? Timeout
        : status switch
        {
            RunStatus.Done => Done,
            RunStatus.BudgetExceeded => BudgetExceeded,
            RunStatus.Cancelled => Killed,
            _ => Failed,
        };
}
