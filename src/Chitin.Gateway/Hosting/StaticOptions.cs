namespace Chitin.Gateway.Hosting;

/// <summary>Options that never change, for loggers made outside a container.</summary>
internal sealed class StaticOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
