namespace Chitin.Core.Tools;

/// <summary>What the harness may assume about a tool when scheduling and approving calls.</summary>
[Flags]
public enum ToolTraits
{
    None = 0,

    /// <summary>Reads state only; never changes files, processes or the outside world.</summary>
    ReadOnly = 1,

    /// <summary>Several calls may run at the same time.</summary>
    ConcurrencySafe = 2,

    /// <summary>Can delete or overwrite data, or run arbitrary commands.</summary>
    Destructive = 4,

    /// <summary>Reaches the network.</summary>
    Network = 8,
}
