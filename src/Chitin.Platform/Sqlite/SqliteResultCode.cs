namespace Chitin.Platform.Sqlite;

/// <summary>The primary SQLite result codes Chitin tells apart (https://sqlite.org/rescode.html): the low byte of any result code.</summary>
public enum SqliteResultCode
{
    Error = 1,
    Busy = 5,
    Locked = 6,
    ReadOnly = 8,
    IoError = 10,
    Corrupt = 11,
    Full = 13,
    CantOpen = 14,
    NotADatabase = 26,
}
