namespace Chitin.Storage.Sqlite;

/// <summary>
/// How values are written to columns (timestamps: <see cref="TimestampColumn"/>). Enums are stored by stable
/// lowercase names, decimals as invariant text.
/// </summary>
internal static class ColumnValues
{
    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal ReadDecimal(string text) =>
        decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public static string Role(MessageRole role) => role switch
    {
        MessageRole.System => "system",
        MessageRole.User => "user",
        MessageRole.Assistant => "assistant",
        MessageRole.Tool => "tool",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown message role."),
    };

    public static MessageRole ReadRole(string text) => text switch
    {
        "system" => MessageRole.System,
        "user" => MessageRole.User,
        "assistant" => MessageRole.Assistant,
        "tool" => MessageRole.Tool,
        _ => throw new FormatException($"Unknown message role '{text}' in the database."),
    };

    public static string Status(SessionStatus status) => status switch
    {
        SessionStatus.Running => "running",
        SessionStatus.Idle => "idle",
        SessionStatus.Done => "done",
        SessionStatus.Failed => "failed",
        SessionStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown session status."),
    };

    public static SessionStatus ReadStatus(string text) => text switch
    {
        "running" => SessionStatus.Running,
        "idle" => SessionStatus.Idle,
        "done" => SessionStatus.Done,
        "failed" => SessionStatus.Failed,
        "cancelled" => SessionStatus.Cancelled,
        _ => throw new FormatException($"Unknown session status '{text}' in the database."),
    };
}
