namespace Chitin.Channels.Pairing;

/// <summary>Pairing codes of unknown senders and the senders the owner approved, in the channels' tables of chitin.db.</summary>
public sealed class PairingStore
{
    /// <summary>No 0/O, 1/I/L: codes are read off a phone and typed into a terminal.</summary>
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 8;

    /// <summary>How long a code can be approved; afterwards the sender gets a fresh code on their next message.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromHours(1);

    private readonly ChannelDatabase _database;
    private readonly TimeProvider _time;

    public PairingStore(ChannelDatabase database, TimeProvider time)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public bool IsApproved(string channel, string senderId) => _database.Read(connection =>
    {
        using var command = ChannelDatabase.Command(connection, null, "SELECT 1 FROM channel_allowed WHERE channel = $channel AND sender_id = $sender;", ("$channel", channel), ("$sender", senderId));
        return command.ExecuteScalar() is not null;
    });

    /// <summary>The sender's pending code, created on first contact; asking again returns the same code.</summary>
    public PairingRequest Request(string channel, string senderId, string? senderName, string chatId)
    {
        var now = _time.GetUtcNow();
        return _database.Write((connection, transaction) =>
        {
            DeleteExpired(connection, transaction, now);
            var existing = Find(connection, transaction, "channel = $channel AND sender_id = $sender", ("$channel", channel), ("$sender", senderId));
            if (existing is not null)
            {
                return existing;
            }

            var code = NewCode();
            using var insert = ChannelDatabase.Command(connection, transaction,
                "INSERT INTO channel_pairing (code, channel, sender_id, sender_name, chat_id, created_at) VALUES ($code, $channel, $sender, $name, $chat, $at);",
                ("$code", code), ("$channel", channel), ("$sender", senderId), ("$name", senderName), ("$chat", chatId), ("$at", TimestampColumn.Text(now)));
            insert.ExecuteNonQuery();
            return new PairingRequest(code, channel, senderId, senderName, chatId, now);
        });
    }

    /// <summary>Pending codes that have not expired, oldest first.</summary>
    public IReadOnlyList<PairingRequest> Pending() => _database.Read(connection =>
    {
        using var command = ChannelDatabase.Command(connection, null, "SELECT code, channel, sender_id, sender_name, chat_id, created_at FROM channel_pairing WHERE created_at > $oldest ORDER BY created_at, code;",
            ("$oldest", TimestampColumn.Text(_time.GetUtcNow() - CodeLifetime)));
        using var reader = command.ExecuteReader();
        var list = new List<PairingRequest>();
        while (reader.Read())
        {
            list.Add(ReadRow(reader));
        }

        return list;
    });

    /// <summary>Approves the sender behind <paramref name="code"/> (case-insensitive); null when no such code is pending or it expired.</summary>
    public PairingRequest? Approve(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalised = code.Trim().ToUpperInvariant();
        return _database.Write((connection, transaction) =>
        {
            DeleteExpired(connection, transaction, _time.GetUtcNow());
            var request = Find(connection, transaction, "code = $code", ("$code", normalised));
            if (request is null)
            {
                return null;
            }

            using var allow = ChannelDatabase.Command(connection, transaction,
                "INSERT INTO channel_allowed (channel, sender_id, approved_at) VALUES ($channel, $sender, $at) ON CONFLICT DO NOTHING;",
                ("$channel", request.Channel), ("$sender", request.SenderId), ("$at", TimestampColumn.Text(_time.GetUtcNow())));
            allow.ExecuteNonQuery();
            using var delete = ChannelDatabase.Command(connection, transaction, "DELETE FROM channel_pairing WHERE code = $code;", ("$code", normalised));
            delete.ExecuteNonQuery();
            return request;
        });
    }

    private static void DeleteExpired(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        using var delete = ChannelDatabase.Command(connection, transaction, "DELETE FROM channel_pairing WHERE created_at <= $oldest;", ("$oldest", TimestampColumn.Text(now - CodeLifetime)));
        delete.ExecuteNonQuery();
    }

    private static PairingRequest? Find(SqliteConnection connection, SqliteTransaction transaction, string where, params (string, object?)[] parameters)
    {
        using var command = ChannelDatabase.Command(connection, transaction, $"SELECT code, channel, sender_id, sender_name, chat_id, created_at FROM channel_pairing WHERE {where};", parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRow(reader) : null;
    }

    private static PairingRequest ReadRow(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), TimestampColumn.Parse(reader.GetString(5)));

    private static string NewCode() => RandomNumberGenerator.GetString(Alphabet, CodeLength);
}
