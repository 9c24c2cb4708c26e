namespace Chitin.Core.Sessions;

public enum SessionStatus
{
    /// <summary>A run is in progress (or the process died during one).</summary>
    Running,

    Idle,
    Done,
    Failed,
    Cancelled,
}
