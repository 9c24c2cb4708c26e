namespace Chitin.Cli.Rendering;

/// <summary><c>chitin usage --json</c>: rows grouped by <see cref="By"/> since <see cref="Since"/>, and their total.</summary>
public sealed record UsageReportOutput(string By, DateTimeOffset? Since, IReadOnlyList<UsageRowOutput> Rows, UsageRowOutput Total);
