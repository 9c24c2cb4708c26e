namespace Chitin.Tools.Shell;

/// <summary>Where a background job is in its life.</summary>
internal enum ShellJobState
{
    Running,
    Exited,

    /// <summary>Killed by shell_stop or when the tool set was disposed.</summary>
    Stopped,
}
