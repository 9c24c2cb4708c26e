namespace Chitin.Channels.Storage;

/// <summary>The channels component's tables in the shared database: inbound messages, pairing, poller leases.</summary>
internal static class ChannelSchema
{
    public static SchemaComponent Component { get; } = new("channels",
    [
        new(1, "inbound messages, pairing codes, approved senders, poller leases", """
            -- Every inbound message, stored before its turn starts; (channel, message_id) deduplicates redeliveries.
            CREATE TABLE IF NOT EXISTS channel_inbound (
                id          INTEGER PRIMARY KEY,
                channel     TEXT    NOT NULL,
                message_id  TEXT    NOT NULL,
                session_key TEXT    NOT NULL,
                chat_id     TEXT    NOT NULL,
                thread_id   TEXT,
                sender_id   TEXT    NOT NULL,
                text        TEXT    NOT NULL,
                state       TEXT    NOT NULL,
                reply       TEXT,
                received_at TEXT    NOT NULL,
                updated_at  TEXT    NOT NULL,
                UNIQUE (channel, message_id)
            ) STRICT;
            CREATE INDEX IF NOT EXISTS channel_inbound_open ON channel_inbound (channel, state);

            CREATE TABLE IF NOT EXISTS channel_pairing (
                code        TEXT NOT NULL PRIMARY KEY,
                channel     TEXT NOT NULL,
                sender_id   TEXT NOT NULL,
                sender_name TEXT,
                chat_id     TEXT NOT NULL,
                created_at  TEXT NOT NULL,
                UNIQUE (channel, sender_id)
            ) STRICT;

            CREATE TABLE IF NOT EXISTS channel_allowed (
                channel     TEXT NOT NULL,
                sender_id   TEXT NOT NULL,
                approved_at TEXT NOT NULL,
                PRIMARY KEY (channel, sender_id)
            ) STRICT;

            CREATE TABLE IF NOT EXISTS channel_leases (
                name       TEXT NOT NULL PRIMARY KEY,
                holder     TEXT NOT NULL,
                expires_at TEXT NOT NULL
            ) STRICT;
            """),
    ]);
}
