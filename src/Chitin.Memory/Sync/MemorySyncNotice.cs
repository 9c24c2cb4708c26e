namespace Chitin.Memory.Sync;

/// <summary>
/// Something the user may want to act on that needed no decision: for example a line outside Chitin's section whose
/// item was superseded or edited in Chitin (Chitin never rewrites text outside its own section).
/// </summary>
/// <param name="File">Full path of the file.</param>
/// <param name="Line">1-based line of the entry.</param>
/// <param name="ItemId">The item concerned.</param>
/// <param name="Message">What happened and what the user can do.</param>
public sealed record MemorySyncNotice(string File, int Line, string ItemId, string Message);
