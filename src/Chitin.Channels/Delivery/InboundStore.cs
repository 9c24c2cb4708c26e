namespace Chitin.Channels.Delivery;

/// <summary>
/// The inbound log: every message is written here before its turn starts, keyed by (channel, message id) so a
/// redelivered message is recognised, and moved through <see cref="InboundState"/> as it is answered.
/// </summary>
public sealed class InboundStore
{
    private const string Columns = "id, channel, message_id, session_key, chat_id, thread_id, sender_id, text, state, reply, received_at";

    private readonly ChannelDatabase _database;
    private readonly TimeProvider _time;

    public InboundStore(ChannelDatabase database, TimeProvider time)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Stores a new message; null when this channel already stored one with the same id (a redelivery).</summary>
    public StoredInbound? TryAdd(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = _time.GetUtcNow();
        var stamp = TimestampColumn.Text(now);
        return _database.Write((connection, transaction) =>
        {
            using var insert = ChannelDatabase.Command(connection, transaction, """
                INSERT INTO channel_inbound (channel, message_id, session_key, chat_id, thread_id, sender_id, text, state, received_at, updated_at)
                VALUES ($channel, $message, $session, $chat, $thread, $sender, $text, 'received', $at, $at)
                ON CONFLICT (channel, message_id) DO NOTHING
                RETURNING id;
                """,
                ("$channel", message.Address.Channel), ("$message", message.MessageId), ("$session", message.Address.SessionKey),
                ("$chat", message.Address.ChatId), ("$thread", message.Address.ThreadId), ("$sender", message.SenderId),
                ("$text", message.Text), ("$at", stamp));
            return insert.ExecuteScalar() is long id ? new StoredInbound(id, message, InboundState.Received, null, now) : null;
        });
    }

    public void SetState(long id, InboundState state, string? reply = null)
    {
        _database.Write((connection, transaction) =>
        {
            using var update = ChannelDatabase.Command(connection, transaction,
                "UPDATE channel_inbound SET state = $state, reply = coalesce($reply, reply), updated_at = $at WHERE id = $id;",
                ("$state", Name(state)), ("$reply", reply), ("$at", TimestampColumn.Text(_time.GetUtcNow())), ("$id", id));
            return update.ExecuteNonQuery();
        });
    }

    /// <summary>The channel's messages that are not answered yet, oldest first: what a restart must still answer.</summary>
    public IReadOnlyList<StoredInbound> Unanswered(string channel) =>
        Query($"SELECT {Columns} FROM channel_inbound WHERE channel = $channel AND state IN ('received', 'running', 'replying') ORDER BY id;", ("$channel", channel));

    /// <summary>Every stored message of a conversation, oldest first.</summary>
    public IReadOnlyList<StoredInbound> ForSession(string sessionKey) =>
        Query($"SELECT {Columns} FROM channel_inbound WHERE session_key = $session ORDER BY id;", ("$session", sessionKey));

    private List<StoredInbound> Query(string sql, params (string, object?)[] parameters) => _database.Read(connection =>
    {
        using var command = ChannelDatabase.Command(connection, null, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<StoredInbound>();
        while (reader.Read())
        {
            rows.Add(ReadRow(reader));
        }

        return rows;
    });

    private static StoredInbound ReadRow(SqliteDataReader reader)
    {
        var address = new ChannelAddress(reader.GetString(1), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));
        var message = new InboundMessage(address, reader.GetString(2), reader.GetString(6), reader.GetString(7));
        return new StoredInbound(reader.GetInt64(0), message, Parse(reader.GetString(8)), reader.IsDBNull(9) ? null : reader.GetString(9), TimestampColumn.Parse(reader.GetString(10)));
    }

    private static string Name(InboundState state) => state switch
    {
        InboundState.Received => "received",
        InboundState.Running => "running",
        InboundState.Replying => "replying",
        InboundState.Answered => "answered",
        _ => "failed",
    };

    private static InboundState Parse(string state) => state switch
    {
        "received" => InboundState.Received,
        "running" => InboundState.Running,
        "replying" => InboundState.Replying,
        "answered" => InboundState.Answered,
        _ => InboundState.Failed,
    };
}
