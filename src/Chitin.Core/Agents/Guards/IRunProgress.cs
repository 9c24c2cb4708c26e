namespace Chitin.Core.Agents.Guards;

/// <summary>
/// Progress the loop guard cannot see in the run's own tool results, such as entries a multi-agent runtime writes to
/// its ledger. The guard reads <see cref="Mark"/> after each tool step; any change counts as progress.
/// </summary>
public interface IRunProgress
{
    /// <summary>A value that changes whenever progress is made (a counter, a ledger length).</summary>
    long Mark { get; }
}
