using Chitin.Core.Sessions;

namespace Chitin.Core.Agents;

/// <summary>The session status a finished run leaves behind.</summary>
internal static class RunStatusMapping
{
    public static SessionStatus ToSessionStatus(RunStatus status) => status switch
    {
        RunStatus.Done => SessionStatus.Done,
        RunStatus.Cancelled => SessionStatus.Cancelled,
        RunStatus.LimitReached or RunStatus.BudgetExceeded => SessionStatus.Idle,
        _ => SessionStatus.Failed,
    };
}
