using System.Globalization;
using Chitin.Channels.Pairing;
using Chitin.Channels.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Chitin.Channels.Tests;

/// <summary>Pairing codes are short-lived: a code read off a phone an hour ago can no longer be approved.</summary>
public sealed class PairingStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("chitin-pairing-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-01T12:00:00Z", CultureInfo.InvariantCulture));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_code_is_stable_while_valid_and_replaced_once_it_expires()
    {
        using var database = ChannelDatabase.Open(Path.Combine(_root, "chitin.db"));
        var store = new PairingStore(database, _time);

        var first = store.Request("telegram", "42", "eve", "42");
        _time.Advance(PairingStore.CodeLifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(first.Code, store.Request("telegram", "42", "eve", "42").Code);
        Assert.Equal(first.Code, Assert.Single(store.Pending()).Code);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(store.Pending());
        Assert.Null(store.Approve(first.Code));
        Assert.False(store.IsApproved("telegram", "42"));

        var second = store.Request("telegram", "42", "eve", "42");
        Assert.NotEqual(first.Code, second.Code);
        Assert.NotNull(store.Approve(second.Code.ToLowerInvariant()));
        Assert.True(store.IsApproved("telegram", "42"));
        Assert.Empty(store.Pending());
    }
}
