namespace Chitin.Channels.Leases;

/// <summary>
/// A named lease row (holder + expiry) in chitin.db that at most one holder owns at a time: one Telegram poller per
/// bot token across processes. The holder renews it well before expiry; a crashed holder's lease simply runs out, and
/// on the same machine it is taken over at once when the holder's process is gone (a restart after a crash).
/// </summary>
public sealed class SingletonLease
{
    private readonly ChannelDatabase _database;
    private readonly TimeProvider _time;

    public SingletonLease(ChannelDatabase database, string name, string holder, TimeSpan duration, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Name = name;
        Holder = holder;
        Duration = duration;
    }

    /// <summary>This process's holder name, "&lt;machine&gt; pid &lt;pid&gt;", which lets a successor see that it is gone.</summary>
    public static string LocalHolder { get; } = $"{Environment.MachineName} pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    public string Name { get; }

    public string Holder { get; }

    public TimeSpan Duration { get; }

    /// <summary>The lease name for a bot token: a hash, so the token itself is never stored.</summary>
    public static string NameForToken(string channel, string token) =>
        channel + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];

    /// <summary>Takes or renews the lease; false (and the current holder) when someone else holds an unexpired one.</summary>
    public bool TryAcquire(out string? currentHolder)
    {
        var now = _time.GetUtcNow();
        var (ok, holder) = _database.Write((connection, transaction) =>
        {
            using var take = ChannelDatabase.Command(connection, transaction, """
                INSERT INTO channel_leases (name, holder, expires_at) VALUES ($name, $holder, $expires)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE channel_leases.holder = excluded.holder OR channel_leases.expires_at <= $now;
                """,
                ("$name", Name), ("$holder", Holder), ("$expires", TimestampColumn.Text(now + Duration)), ("$now", TimestampColumn.Text(now)));
            var changed = take.ExecuteNonQuery() > 0;
            using var who = ChannelDatabase.Command(connection, transaction, "SELECT holder FROM channel_leases WHERE name = $name;", ("$name", Name));
            return (changed, who.ExecuteScalar() as string);
        });
        if (!ok && holder is not null && IsDeadLocalHolder(holder))
        {
            ok = _database.Write((connection, transaction) =>
            {
                using var take = ChannelDatabase.Command(connection, transaction, "UPDATE channel_leases SET holder = $holder, expires_at = $expires WHERE name = $name AND holder = $dead;",
                    ("$name", Name), ("$holder", Holder), ("$expires", TimestampColumn.Text(now + Duration)), ("$dead", holder));
                return take.ExecuteNonQuery() > 0;
            });
            holder = ok ? Holder : holder;
        }

        currentHolder = holder;
        return ok;
    }

    /// <summary>A holder on this machine whose process no longer runs (killed, crashed).</summary>
    private bool IsDeadLocalHolder(string holder)
    {
        var prefix = Environment.MachineName + " pid ";
        if (holder == Holder || !holder.StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(holder.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Takes the lease or throws <see cref="LeaseHeldException"/> naming the holder.</summary>
    public void Acquire(string what)
    {
        if (!TryAcquire(out var holder))
        {
            throw new LeaseHeldException(
                $"Another poller ({holder}) already receives updates for this {what}; only one may poll a bot token at a time. " +
                $"Stop the other gateway, or wait for its lease to expire (it lasts {Duration.TotalSeconds:0} s after its last renewal).");
        }
    }

    public void Release()
    {
        _database.Write((connection, transaction) =>
        {
            using var delete = ChannelDatabase.Command(connection, transaction, "DELETE FROM channel_leases WHERE name = $name AND holder = $holder;", ("$name", Name), ("$holder", Holder));
            return delete.ExecuteNonQuery();
        });
    }
}
